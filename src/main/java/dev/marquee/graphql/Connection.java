package dev.marquee.graphql;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * One page of a Relay connection. {@code totalCount} is computed on first access only, which
 * graphql-java does only when the client selected it.
 */
public final class Connection<T> {

	private final List<Edge<T>> edges;

	private final PageInfo pageInfo;

	private final LongSupplier totalCount;

	private Long total;

	public Connection(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage, LongSupplier totalCount) {
		this.edges = edges;
		this.pageInfo = new PageInfo(hasNextPage, hasPreviousPage,
				edges.isEmpty() ? null : edges.get(0).cursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		this.totalCount = totalCount;
	}

	public List<Edge<T>> edges() {
		return this.edges;
	}

	public List<T> nodes() {
		return this.edges.stream().map(Edge::node).toList();
	}

	public PageInfo pageInfo() {
		return this.pageInfo;
	}

	public synchronized long totalCount() {
		if (this.total == null) {
			this.total = this.totalCount.getAsLong();
		}
		return this.total;
	}

	public record Edge<T>(String cursor, T node) {
	}

	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

}
