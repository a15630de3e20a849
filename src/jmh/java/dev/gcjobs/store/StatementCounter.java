package dev.gcjobs.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Counts the SQL statements this JVM sends, by standing in front of every registered JDBC driver:
 * each pool that connects by URL (the store's Hikari pool, and db-scheduler on it) is counted the
 * same way. One {@code execute...} call counts once, a statement batch included.
 */
final class StatementCounter implements Driver {
  private static final AtomicLong STATEMENTS = new AtomicLong();

  private final Driver real;

  private StatementCounter(Driver real) {
    this.real = real;
  }

  /** Replaces every registered driver by a counting one; call before the first connection. */
  static synchronized void install() throws SQLException {
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (!(d instanceof StatementCounter)) {
        DriverManager.registerDriver(new StatementCounter(d));
        DriverManager.deregisterDriver(d);
      }
    }
  }

  /** Statements sent since the JVM started. */
  static long count() {
    return STATEMENTS.get();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    Connection c = real.connect(url, info);
    return c == null ? null : wrap(Connection.class, c);
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return real.acceptsURL(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return real.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return real.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return real.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return real.jdbcCompliant();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return real.getParentLogger();
  }

  private static <T> T wrap(Class<T> type, T target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (type != Connection.class && name.startsWith("execute")) {
            STATEMENTS.incrementAndGet();
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (type == Connection.class) {
            if (result instanceof CallableStatement s && name.equals("prepareCall")) {
              return wrap(CallableStatement.class, s);
            }
            if (result instanceof PreparedStatement s && name.equals("prepareStatement")) {
              return wrap(PreparedStatement.class, s);
            }
            if (result instanceof Statement s && name.equals("createStatement")) {
              return wrap(Statement.class, s);
            }
          }
          return result;
        };
    return type.cast(
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
