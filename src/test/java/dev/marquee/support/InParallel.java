package dev.marquee.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Tasks started together on their own threads, for the tests of what concurrent callers do. */
public final class InParallel {

	private InParallel() {
	}

	/** Runs every task at once, one thread each, and answers their results in order (a task's failure fails). */
	public static <T> List<T> run(List<Callable<T>> tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
		try {
			List<T> results = new ArrayList<>();
			for (Future<T> result : pool.invokeAll(tasks)) {
				results.add(result.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The same task on this many threads at once. */
	public static <T> List<T> times(int threads, Callable<T> task) throws Exception {
		List<Callable<T>> tasks = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			tasks.add(task);
		}
		return run(tasks);
	}

}
