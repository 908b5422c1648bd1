package com.speeddata.http.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UnstorableTextTest {
    @Test
    void a_nul_that_reached_postgresql_is_a_400_without_sql() {
        SQLException pg = new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        Problem problem = ProblemMapper.toProblem(new IllegalStateException("database error while defining c/s", pg))
                .problem();
        assertEquals(400, problem.status());
        assertEquals("INVALID_REQUEST", problem.code());
        assertFalse(problem.detail().contains("UTF8") || problem.detail().contains("defining"), problem.detail());
    }
}
