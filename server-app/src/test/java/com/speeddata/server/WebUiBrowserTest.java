package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser: Debian's chromium, headless, driven by Selenium through chromium-driver, against
 * a server with the demo data (single-user mode) and one in multi-user mode. Skipped when chromium is missing,
 * unless REQUIRE_CHROMIUM=1 (scripts/test sets it). With -Dscreenshots.update=true the screenshots also replace
 * those in docs/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** About 4 s of work for the one worker (half a gigabyte of CSV with quality flags). */
    private static final String BIG_ASYNC_EXPORT =
            "{\"time_range\": {\"start\": \"2025-01-23T14:00:00Z\", \"duration\": \"PT1H\"}, \"channels\": [\"bench\","
                    + " \"mains\"], \"format\": \"csv\", \"quality\": true, \"execution\": \"async\"}";

    @TempDir
    static Path dir;

    private static TestDatabase singleDatabase;
    private static TestDatabase multiDatabase;
    private static RunningServer single;
    private static RunningServer multi;
    private static String acmeKey;
    private static WebDriver driver;
    private static Path downloads;

    @BeforeAll
    static void start() throws IOException {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!available && "1".equals(System.getenv("REQUIRE_CHROMIUM"))) {
            throw new AssertionError("REQUIRE_CHROMIUM=1 but chromium or chromedriver is missing");
        }
        Assumptions.assumeTrue(available, "chromium is not installed (apt-get install chromium chromium-driver)");
        singleDatabase = TestDatabase.create(TestDatabase.Kind.EMBEDDED);
        single = RunningServer.start(singleDatabase, dir.resolve("single"), Map.of("JOB_WORKERS", "1"));
        single.application().demoData().loadIfAbsent();

        multiDatabase = TestDatabase.create(TestDatabase.Kind.EMBEDDED);
        Path multiDir = dir.resolve("multi");
        acmeKey = createKey(multiDir, "acme");
        String betaKey = createKey(multiDir, "beta");
        multi = RunningServer.start(multiDatabase, multiDir, Map.of("AUTH_MODE", "multi", "BIND_ADDRESS", "127.0.0.1"));
        TestHttp acme = multi.withKey(acmeKey);
        acme.json("PUT", "/api/v1/channels/acme_rig/signals/pressure", "{\"unit\": \"bar\", \"sample_rate_hz\": 10}");
        acme.json(
                "POST",
                "/api/v1/channels/acme_rig/signals/pressure/samples",
                "{\"start\": \"2025-01-23T14:00:00Z\", \"values\": [1, 2, 3, 2, 1]}");
        multi.withKey(betaKey)
                .json("PUT", "/api/v1/channels/beta_secret/signals/x", "{\"unit\": \"V\", \"sample_rate_hz\": 1}");

        downloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1100");
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        // Both are Debian's: Selenium Manager never looks for (or downloads) a browser or a driver.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        Stream.of(single, multi).filter(s -> s != null).forEach(RunningServer::close);
        Stream.of(singleDatabase, multiDatabase).filter(d -> d != null).forEach(TestDatabase::close);
    }

    @Test
    @Order(1)
    void the_catalog_lists_the_demo_signals_and_a_preview_draws_the_envelope() {
        open(single, "/#/catalog");
        WebElement row = await(By.cssSelector("tr[data-signal='bench/torque']"));
        assertTrue(row.getText().contains("3,600,000"), row.getText());
        row.findElement(By.tagName("button")).click();
        awaitDrawn(0);
        int drawn = drawnPixels();
        assertTrue(drawn > 2_000, "the preview canvas shows the signal's envelope: " + drawn + " pixels");
        String caption = text("preview-caption");
        System.out.println("preview of an hour of 1 kHz: " + caption);
        int millis = Integer.parseInt(caption.replaceAll(".*fetched in (\\d+) ms.*", "$1"));
        assertTrue(millis < 5_000, "an hour of 1 kHz previews in seconds, not more: " + caption);
        screenshot("catalog");

        driver.findElement(By.id("pv-in")).click(); // zoom in: the envelope of the middle half is fetched
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> !text("preview-caption").equals(caption)
                        && text("preview-caption").contains("columns"));
        assertTrue(text("preview-start").compareTo("2025-01-23T14:14") > 0, text("preview-start"));
        assertTrue(drawnPixels() > 2_000);
        driver.findElement(By.id("preview-plot")).sendKeys("-"); // keyboard: zoom back out
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> text("preview-start").startsWith("2025-01-23T14:00"));
    }

    @Test
    @Order(2)
    void the_export_builder_estimates_as_you_type_and_downloads_a_file_h5py_opens() throws Exception {
        open(single, "/#/export");
        await(By.id("sig-bench/oil_temp")).click();
        driver.findElement(By.id("tr-stored")).click();
        type("ex-interval", "PT1S");
        WebElement route = await(By.cssSelector("#estimate [data-route]"));
        assertEquals("sync", route.getAttribute("data-route"));
        assertTrue(text("estimate").contains("3,600 rows"), text("estimate"));
        assertTrue(text("sn-curl").contains("\"interval\":\"PT1S\""), text("sn-curl"));
        assertTrue(text("sn-python").contains("client.export_to(\"export.h5\""), text("sn-python"));
        assertTrue(text("sn-cli").contains("--signals 'bench/oil_temp'"), text("sn-cli"));
        screenshot("export");

        driver.findElement(By.id("export-run")).click();
        Path file = awaitDownload(".h5");
        JsonNode oil = H5py.summarize(file).path("datasets").path("bench/oil_temp");
        assertEquals("[3600]", oil.path("shape").toString(), oil.toString());
        assertEquals("degC", oil.path("attrs").path("unit").asText());

        // The copied texts run as they are and export the same data: curl, the Python client and its CLI.
        for (String snippet : List.of("sn-curl", "sn-python", "sn-cli")) {
            Path work = Files.createDirectories(dir.resolve(snippet));
            String code = (String) ((JavascriptExecutor) driver)
                    .executeScript("return document.getElementById(arguments[0]).textContent;", snippet);
            List<String> command = snippet.equals("sn-python")
                    ? List.of("/usr/bin/python3", "-c", code)
                    : List.of("/bin/sh", "-c", code);
            run(command, work);
            JsonNode copy =
                    H5py.summarize(work.resolve("export.h5")).path("datasets").path("bench/oil_temp");
            assertEquals(oil.path("hex"), copy.path("hex"), snippet + " exports the same values");
        }
    }

    private static void run(List<String> command, Path workDir) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment()
                .put(
                        "PYTHONPATH",
                        Path.of("..", "clients", "python").toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "still running: " + command);
        assertEquals(0, process.exitValue(), command + ": " + output);
    }

    @Test
    @Order(3)
    void a_job_shows_live_progress_to_completion_with_its_receipt_and_request() {
        open(single, "/#/export");
        await(By.id("sig-bench")).click();
        new Select(driver.findElement(By.id("tr-form"))).selectByValue("start_duration");
        type("tr-start", "2025-01-23T14:00:00Z");
        type("tr-duration", "PT1H");
        new Select(driver.findElement(By.id("ex-execution"))).selectByVisibleText("async");
        await(By.cssSelector("#estimate [data-route]"));
        // Every state the page shows for the job, sampled from its jobs table (kept current even while hidden)
        ((JavascriptExecutor) driver)
                .executeScript("window.seen = []; setInterval(() => document.querySelectorAll('#jobs-table tbody tr')"
                        + ".forEach(r => window.seen.push(r.dataset.status + ':'"
                        + " + r.querySelector('progress').value)), 20);");
        // One worker, busy with another export first: the page sees the job queued, then running, then done.
        String blocker = TestHttp.body(single.json("POST", "/api/v1/pivot/export", BIG_ASYNC_EXPORT))
                .path("job_id")
                .asText();
        driver.findElement(By.id("export-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> text("export-result").startsWith("Queued as job"));
        String job = text("export-result").replaceAll("Queued as job (\\S+)\\..*", "$1");
        driver.findElement(By.cssSelector("#nav a[data-view='jobs']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(90))
                .until(d -> d.findElements(By.cssSelector("tr[data-job='" + job + "'][data-status='completed']"))
                                .size()
                        == 1);
        List<?> seen = (List<?>) ((JavascriptExecutor) driver).executeScript("return window.seen;");
        assertTrue(
                seen.stream().anyMatch(s -> s.toString().startsWith("running:")),
                "the page showed the job running before it completed: " + seen);
        assertEquals("100", shown(By.cssSelector("tr[data-job='" + job + "'] progress"), e -> e.getAttribute("value")));
        click(By.cssSelector("tr[data-job='" + job + "'] button[aria-label^='Details']"));
        String receipt = shown(By.id("receipt-table"), WebElement::getText);
        assertTrue(receipt.contains("bench/torque"), receipt);
        assertTrue(receipt.contains("3,600,000"), "samples read of 1 h at 1 kHz: " + receipt);
        assertTrue(text("job-request").contains("\"time_range\""), text("job-request"));
        assertFalse(driver.findElements(By.cssSelector("tr[data-job='" + job + "'] a[download]"))
                .isEmpty());
        screenshot("jobs");
        single.send("DELETE", "/api/v1/pivot/jobs/" + blocker, null, null);
    }

    @Test
    @Order(4)
    void a_job_is_cancelled_from_the_page() {
        // One worker: the second of two long exports waits (or runs) long enough to be cancelled by a click.
        String blocker = TestHttp.body(single.json("POST", "/api/v1/pivot/export", BIG_ASYNC_EXPORT))
                .path("job_id")
                .asText();
        String job = TestHttp.body(single.json("POST", "/api/v1/pivot/export", BIG_ASYNC_EXPORT))
                .path("job_id")
                .asText();
        open(single, "/#/jobs");
        click(By.cssSelector("tr[data-job='" + job + "'] button[aria-label^='Cancel']"));
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> d.findElements(By.cssSelector("tr[data-job='" + job + "'][data-status='cancelled']"))
                                .size()
                        == 1);
        assertEquals(
                "cancelled",
                TestHttp.body(single.get("/api/v1/pivot/jobs/" + job))
                        .path("status")
                        .asText());
        single.send("DELETE", "/api/v1/pivot/jobs/" + blocker, null, null);
    }

    @Test
    @Order(5)
    void headlines_are_scored_by_two_models_with_the_explanation_highlighted() {
        open(single, "/#/scoring");
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> new Select(d.findElement(By.id("score-model-a")))
                                .getOptions()
                                .size()
                        >= 2);
        new Select(driver.findElement(By.id("score-model-a"))).selectByValue("finance");
        new Select(driver.findElement(By.id("score-model-b"))).selectByValue("vader-baseline");
        driver.findElement(By.id("score-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d ->
                        d.findElements(By.cssSelector("#score-results section")).size() == 2);
        WebElement finance = driver.findElement(By.cssSelector("#score-results section[data-model='finance']"));
        List<WebElement> items = finance.findElements(By.cssSelector("ol.scored > li"));
        assertEquals(3, items.size());
        assertEquals("positive", items.get(0).getAttribute("data-label"));
        assertFalse(
                items.get(0).findElements(By.cssSelector("mark.up")).isEmpty(),
                items.get(0).getText());
        assertFalse(finance.findElements(By.cssSelector("mark.down")).isEmpty(), finance.getText());
        assertFalse(driver.findElements(By.cssSelector("#score-results section[data-model='vader-baseline'] li"))
                .isEmpty());
        screenshot("scoring");
    }

    @Test
    @Order(7)
    void every_control_has_a_name_for_screen_readers_and_the_keyboard_reaches_the_views() {
        open(single, "/#/catalog");
        click(By.cssSelector("button[aria-label='Preview bench/speed']"));
        awaitDrawn(0);
        for (String view : List.of("catalog", "export", "jobs", "scoring")) {
            if (!view.equals("catalog")) {
                driver.findElement(By.cssSelector("#nav a[data-view='" + view + "']"))
                        .click();
                await(By.cssSelector("#view-" + view));
            }
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(d -> text("status").isEmpty());
            assertEquals(List.of(), unnamedControls(), "controls without an accessible name on " + view);
        }

        open(single, "/#/catalog");
        await(By.cssSelector("tr[data-signal='bench/torque']"));
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("Skip to content", driver.switchTo().activeElement().getText());
        new Actions(driver).sendKeys(Keys.TAB, Keys.TAB).perform();
        assertEquals("Export", driver.switchTo().activeElement().getText());
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        assertTrue(await(By.id("view-export")).isDisplayed());
        assertEquals(
                "page",
                driver.findElement(By.cssSelector("#nav a[data-view='export']")).getAttribute("aria-current"));
    }

    /** Visible inputs, selects, text areas, buttons and links that a screen reader could not name. */
    private static List<?> unnamedControls() {
        return (List<?>) ((JavascriptExecutor) driver)
                .executeScript("const named = (e) => {"
                        + "  if ((e.getAttribute('aria-label') || '').trim()) return true;"
                        + "  const by = e.getAttribute('aria-labelledby');"
                        + "  if (by && by.split(' ').some(id => (document.getElementById(id)?.textContent || '').trim())) return true;"
                        + "  if (e.id && [...document.querySelectorAll('label[for=\"' + CSS.escape(e.id) + '\"]')]"
                        + "      .some(l => l.textContent.trim())) return true;"
                        + "  if (e.closest('label') && e.closest('label').textContent.trim()) return true;"
                        + "  return ['BUTTON', 'A'].includes(e.tagName) && e.textContent.trim() !== '';"
                        + "};"
                        + "return [...document.querySelectorAll('input, select, textarea, button, a[href], [tabindex]')]"
                        + "  .filter(e => e.offsetParent !== null && e.id !== 'main' && !named(e))"
                        + "  .map(e => e.outerHTML.slice(0, 120));");
    }

    @Test
    @Order(6)
    void in_multi_user_mode_the_page_logs_in_with_a_key_keeps_only_a_cookie_and_logs_out() {
        open(multi, "/");
        await(By.id("login-key")).sendKeys("sd_0123456789abcdef_" + "0".repeat(64));
        screenshot("login");
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !text("login-error").isEmpty());

        driver.findElement(By.id("login-key")).clear();
        driver.findElement(By.id("login-key")).sendKeys(acmeKey);
        driver.findElement(By.id("login-submit")).click();
        WebElement row = await(By.cssSelector("tr[data-signal='acme_rig/pressure']"));
        assertTrue(row.isDisplayed());
        assertTrue(text("who-name").contains("tenant acme"), text("who-name"));
        assertTrue(
                driver.findElements(By.cssSelector("tr[data-signal='beta_secret/x']"))
                        .isEmpty(),
                "another tenant's signal is not shown");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertEquals(
                "0 0 ",
                js.executeScript("return localStorage.length + ' ' + sessionStorage.length + ' ' + document.cookie;"),
                "the key and the session are nowhere a script can read them");
        assertEquals(
                403L,
                js.executeAsyncScript("const done = arguments[0]; fetch('/v1/score', {method: 'POST', headers: "
                        + "{'Content-Type': 'application/json'}, body: '{\"headlines\": [\"x\"]}'})"
                        + ".then(r => done(r.status));"),
                "a state-changing call without the CSRF token is refused");

        // A job through the page: the export is a state-changing call, and its stream opens with a ticket
        driver.findElement(By.cssSelector("#nav a[data-view='export']")).click();
        await(By.id("sig-acme_rig")).click();
        new Select(driver.findElement(By.id("ex-execution"))).selectByVisibleText("async");
        await(By.cssSelector("#estimate [data-route]"));
        driver.findElement(By.id("export-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> text("export-result").startsWith("Queued as job"));
        String job = text("export-result").replaceAll("Queued as job (\\S+)\\..*", "$1");
        driver.findElement(By.cssSelector("#nav a[data-view='jobs']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector("tr[data-job='" + job + "'][data-status='completed']"))
                                .size()
                        == 1);
        assertEquals(
                "state completed",
                js.executeAsyncScript("const done = arguments[0];"
                        + "fetch('/web/session').then(r => r.json()).then(s => fetch('/api/v1/stream-tickets', {method:"
                        + " 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token}, body: '{}'}))"
                        + ".then(r => r.json()).then(t => { const ws = new WebSocket('ws://' + location.host"
                        + " + '/api/v1/pivot/jobs/" + job + "/stream?ticket=' + t.ticket);"
                        + " ws.onmessage = (e) => { const m = JSON.parse(e.data); ws.close(); done(m.type + ' ' + m.status); };"
                        + " ws.onerror = () => done('no stream'); });"),
                "the session's ticket opens the job's stream in the browser");

        driver.findElement(By.cssSelector("#nav a[data-view='scoring']")).click();
        await(By.cssSelector("#score-model-a option"));
        driver.findElement(By.id("score-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> !d.findElements(By.cssSelector("#score-results li")).isEmpty());

        driver.findElement(By.id("logout")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("view-login")).isDisplayed());
        assertEquals(
                401L,
                js.executeAsyncScript(
                        "const done = arguments[0]; fetch('/api/v1/channels').then(r => done(r.status));"),
                "after logout the cookie opens nothing");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** Loads the page afresh (a URL differing only in its #fragment would not reload it). */
    private static void open(RunningServer server, String path) {
        driver.get("about:blank");
        driver.get(server.base() + path);
    }

    private static WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Clicks what {@code by} finds once it shows, again if the page re-rendered it meanwhile (rows do, live). */
    private static void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    /** Reads what {@code by} finds once it shows, again if the page re-rendered it meanwhile (rows do, live). */
    private static String shown(By by, Function<WebElement, String> read) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> read.apply(await(by)));
    }

    private static String text(String id) {
        WebElement element = driver.findElement(By.id(id));
        String value = element.getAttribute("value");
        return element.getTagName().equals("input") && value != null ? value : element.getText();
    }

    private static void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static void awaitDrawn(int minimum) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            String points = d.findElement(By.id("preview-plot")).getAttribute("data-points");
            return points != null && Integer.parseInt(points) > minimum;
        });
    }

    /** Pixels of the series colour (or its band) on the plot's canvas, read back from the canvas itself. */
    private static int drawnPixels() {
        Object count = ((JavascriptExecutor) driver)
                .executeScript("const c = document.querySelector('#preview-plot canvas');"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let n = 0; for (let i = 0; i < d.length; i += 4) {"
                        + "  if (d[i + 3] > 0 && d[i + 2] > 120 && d[i] < 100) n++; } return n;");
        return ((Number) count).intValue();
    }

    private static Path awaitDownload(String suffix) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads)) {
                var done = files.filter(f -> f.toString().endsWith(suffix)).findFirst();
                if (done.isPresent()) {
                    return done.get();
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no " + suffix + " file was downloaded into " + downloads);
    }

    private static void screenshot(String name) {
        try {
            Path shot =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Path target = Files.createDirectories(Path.of("target", "screenshots"));
            Files.copy(shot, target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("screenshots.update")) {
                Path docs = Files.createDirectories(Path.of("..", "docs", "screenshots"));
                Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String createKey(Path dataDir, String tenant) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new KeysCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(
                        List.of("create", "--tenant", tenant, "--tier", "pro_plus"),
                        ServerConfig.fromEnvironment(env),
                        Clock.systemUTC());
        assertEquals(0, status);
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
