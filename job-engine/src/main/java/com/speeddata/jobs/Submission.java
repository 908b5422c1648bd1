package com.speeddata.jobs;

/** The job a submit returned, and whether this submit created it (false: an idempotent repeat). */
public record Submission(Job job, boolean created) {}
