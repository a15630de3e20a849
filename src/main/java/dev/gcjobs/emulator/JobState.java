package dev.gcjobs.emulator;

/** The states of an asynchronous analytics job, as Genesys names them. */
enum JobState {
  QUEUED,
  PENDING,
  FULFILLED,
  FAILED,
  CANCELLED,
  EXPIRED
}
