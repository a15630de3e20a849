package dev.gcjobs.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

/** Writes response bodies as JSON: ISO-8601 instants, nulls kept (a client sees every field). */
final class ResponseJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private ResponseJson() {}

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a response body could not be written as JSON", e);
    }
  }

  /** Answers with the status and the value as JSON. */
  static void write(Context ctx, int status, Object value) {
    ctx.status(status).contentType("application/json").result(bytes(value));
  }
}
