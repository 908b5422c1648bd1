-- What a finished job says about its result beyond the file (an export's receipt), as JSON text. Keep in step with
-- ../h2/V10. (V10, not V9: another branch of issue 11 takes V9.)
ALTER TABLE job ADD COLUMN result_summary TEXT;
