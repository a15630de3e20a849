package dev.gcjobs.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before Javalin sees the request (a malformed URI, headers too large, a
 * request during shutdown) get the same JSON error body as everything else, never an HTML page.
 */
final class JettyErrorBodies extends ErrorHandler {
  private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object status = request.getAttribute(ERROR_STATUS);
    int code = status instanceof Integer number ? number : response.getStatus();
    response.getHeaders().put(JSON);
    // Jetty drops the connection after such a request; saying so keeps clients from reusing it.
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.write(true, ByteBuffer.wrap(ResponseJson.bytes(ErrorBody.forStatus(code))), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(JSON);
    return ByteBuffer.wrap(ResponseJson.bytes(ErrorBody.forStatus(status)));
  }
}
