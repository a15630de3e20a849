package dev.gcjobs.emulator;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Breaks a connection on purpose, below Javalin: Jetty's endpoint of the request is closed (with
 * SO_LINGER 0, so the peer gets a TCP reset), and whatever Javalin writes afterwards is lost.
 */
final class ConnectionAbort {
  private ConnectionAbort() {}

  /** Resets the connection before any byte of the answer is sent. */
  static void reset(Context ctx) {
    EndPoint endPoint = endPoint(ctx);
    if (endPoint.getTransport() instanceof SocketChannel channel) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException e) {
        // A plain close still breaks the exchange, which is what the fault is about.
      }
    }
    endPoint.close();
  }

  /**
   * Sends the status, the headers with a {@code Content-Length} of the whole body, and only the
   * first half of the body, then closes the connection.
   */
  static void truncate(Context ctx, byte[] body) {
    try {
      ctx.res().setContentLength(body.length);
      var out = ctx.res().getOutputStream();
      out.write(body, 0, body.length / 2);
      out.flush();
    } catch (IOException e) {
      // The client went away already: nothing left to break.
    }
    endPoint(ctx).close();
  }

  private static EndPoint endPoint(Context ctx) {
    return ServletContextRequest.getServletContextRequest(ctx.req())
        .getConnectionMetaData()
        .getConnection()
        .getEndPoint();
  }
}
