package dev.gcjobs.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A separate process for {@link H2FileStoreTest}: opens the store at {@code args[0]}, prints {@code
 * open}, waits for a line on stdin, commits {@code args[1]} exports one by one, prints {@code
 * committed N} once the last commit returned, then waits to be killed without closing the store.
 */
public final class H2StoreChild {
  private H2StoreChild() {}

  public static void main(String[] args) throws Exception {
    Database db = Database.open(args[0]);
    System.out.println("open");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    in.readLine();
    int count = Integer.parseInt(args[1]);
    for (int n = 1; n <= count; n++) {
      db.exports()
          .insert(
              ExportRow.running(
                  "e" + n, "k" + n, null, "conversations", "{}", "o", null, Instant.now()),
              List.of());
    }
    System.out.println("committed " + count);
    System.out.flush();
    in.readLine();
  }
}
