package dev.gcjobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GroupCommitTest {
  private final List<List<String>> batches = new CopyOnWriteArrayList<>();

  private GroupCommit<String> groupCommit(Duration spacing) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:group-commit-" + System.nanoTime());
    return new GroupCommit<>(dataSource, (connection, items) -> batches.add(items), spacing);
  }

  @Test
  void writersArrivingWithinTheSpacingShareTheNextCommit() throws Exception {
    GroupCommit<String> commits = groupCommit(Duration.ofMillis(500));
    commits.write("first"); // goes at once: nothing was written before
    int writers = 10;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String item = "item-" + i;
      done.add(
          pool.submit(
              () -> {
                start.await();
                commits.write(item);
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(batches.get(0)).containsExactly("first");
    // Every writer started well within the 500 ms, so the second commit holds (nearly) all of them.
    assertThat(batches.get(1).size()).isGreaterThanOrEqualTo(writers / 2);
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(writers + 1);
  }
}
