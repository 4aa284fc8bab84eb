import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame graph from JFR execution samples, with no tool but the JDK: reads the jdk.ExecutionSample
 * events of one or more recordings, writes the collapsed stacks ({@code root;frame;frame count} per
 * line, the format of Brendan Gregg's flamegraph.pl and speedscope), a self-contained SVG flame graph
 * (hover a box for its frame, samples and share) and a Markdown table of the frames on the most stacks.
 * The bottom box of every stack is its thread, numbers removed ({@code http-nio-exec}, {@code
 * nioEventLoopGroup}), so the request threads and the embedded server's threads stand side by side.
 * <p>
 * Usage: {@code java bench/profile/Flame.java <out-prefix> "<title>" <recording.jfr or .collapsed>...}; writes
 * {@code <out-prefix>.svg}, {@code <out-prefix>.collapsed} and {@code <out-prefix>.top.md}.
 */
public class Flame {

	static final int WIDTH = 1200;

	static final int ROW = 16;

	public static void main(String[] args) throws IOException {
		if (args.length < 3) {
			System.err.println("usage: java Flame.java <out-prefix> <title> <recording.jfr>...");
			System.exit(2);
		}
		Map<String, Long> stacks = new TreeMap<>();
		for (int i = 2; i < args.length; i++) {
			if (args[i].endsWith(".collapsed")) {
				for (String line : Files.readAllLines(Path.of(args[i]))) {
					int space = line.lastIndexOf(' ');
					stacks.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
				}
				continue;
			}
			for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[i]))) {
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
					continue;
				}
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				StringBuilder stack = new StringBuilder(thread(event.getThread("sampledThread")));
				for (int f = frames.size() - 1; f >= 0; f--) {
					stack.append(';').append(name(frames.get(f)));
				}
				if (event.getStackTrace().isTruncated()) {
					stack.insert(stack.indexOf(";") + 1, "[truncated];");
				}
				stacks.merge(stack.toString(), 1L, Long::sum);
			}
		}
		String prefix = args[0];
		try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(prefix + ".collapsed")))) {
			stacks.forEach((stack, count) -> out.println(stack + " " + count));
		}
		Node root = new Node("all");
		stacks.forEach((stack, count) -> root.add(stack.split(";"), count));
		Files.writeString(Path.of(prefix + ".svg"), svg(root, args[1]), StandardCharsets.UTF_8);
		Files.writeString(Path.of(prefix + ".top.md"), top(stacks, root.samples, args[1]), StandardCharsets.UTF_8);
		System.err.printf("%s: %,d samples, %,d distinct stacks%n", prefix, root.samples, stacks.size());
	}

	/** A thread's name without its numbers: one box per pool. */
	static String thread(RecordedThread thread) {
		String name = (thread == null || thread.getJavaName() == null) ? "?" : thread.getJavaName();
		return "thread " + name.replaceAll("-?\\d+", "").replaceAll("--+", "-");
	}

	static String name(RecordedFrame frame) {
		RecordedMethod method = frame.getMethod();
		if (method == null) {
			return "?";
		}
		String type = (method.getType() == null) ? "?" : method.getType().getName();
		return type + "." + method.getName();
	}

	/** Inclusive share (stacks holding the frame at least once) and self share, the top 40 by inclusive. */
	static String top(Map<String, Long> stacks, long total, String title) {
		Map<String, Long> inclusive = new HashMap<>();
		Map<String, Long> self = new HashMap<>();
		stacks.forEach((stack, count) -> {
			String[] frames = stack.split(";");
			Set<String> seen = new HashSet<>();
			for (int i = 1; i < frames.length; i++) {
				if (seen.add(frames[i])) {
					inclusive.merge(frames[i], count, Long::sum);
				}
			}
			self.merge(frames[frames.length - 1], count, Long::sum);
		});
		StringBuilder md = new StringBuilder("#### " + title + " (" + total + " samples)\n\n");
		md.append("| inclusive | self | frame |\n|---|---|---|\n");
		inclusive.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(40)
			.forEach((e) -> md.append(String.format("| %.1f %% | %.1f %% | `%s` |%n", 100.0 * e.getValue() / total,
					100.0 * self.getOrDefault(e.getKey(), 0L) / total, e.getKey())));
		md.append("\nSelf time by where the sampled frame's code comes from:\n\n| self | component |\n|---|---|\n");
		Map<String, Long> components = new HashMap<>();
		self.forEach((frame, count) -> components.merge(component(frame), count, Long::sum));
		components.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((e) -> md.append(String.format("| %.1f %% | %s |%n", 100.0 * e.getValue() / total, e.getKey())));
		md.append("\nTop self time:\n\n| self | frame |\n|---|---|\n");
		self.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(15)
			.forEach((e) -> md.append(String.format("| %.1f %% | `%s` |%n", 100.0 * e.getValue() / total, e.getKey())));
		return md.toString();
	}

	static final class Node {

		final String name;

		final Map<String, Node> children = new LinkedHashMap<>();

		long samples;

		Node(String name) {
			this.name = name;
		}

		void add(String[] frames, long count) {
			this.samples += count;
			Node node = this;
			for (String frame : frames) {
				node = node.children.computeIfAbsent(frame, Node::new);
				node.samples += count;
			}
		}

		int depth() {
			int depth = 0;
			for (Node child : this.children.values()) {
				depth = Math.max(depth, child.depth());
			}
			return depth + 1;
		}

	}

	static String svg(Node root, String title) {
		int depth = root.depth();
		int height = (depth + 3) * ROW;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
				+ "viewBox=\"0 0 %d %d\" font-family=\"monospace\" font-size=\"11\">%n", WIDTH, height, WIDTH, height));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#f8f8f8\"/>\n");
		svg.append(String.format("<text x=\"%d\" y=\"14\" text-anchor=\"middle\" font-size=\"13\">%s (%,d samples)</text>%n",
				WIDTH / 2, escape(title), root.samples));
		draw(svg, root, 0, WIDTH, height - ROW, root.samples);
		svg.append("</svg>\n");
		return svg.toString();
	}

	static void draw(StringBuilder svg, Node node, double x, double width, int y, long total) {
		if (width < 1.0) {
			return;
		}
		svg.append(String.format("<g><title>%s: %,d samples, %.2f %%</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
				+ "height=\"%d\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.5\"/>", escape(node.name), node.samples,
				100.0 * node.samples / total, x, y, width, ROW - 1, color(node.name)));
		int chars = (int) ((width - 4) / 6.6);
		if (chars >= 3) {
			String label = shorten(node.name);
			if (label.length() > chars) {
				label = label.substring(0, Math.max(1, chars - 2)) + "..";
			}
			svg.append(String.format("<text x=\"%.1f\" y=\"%d\">%s</text>", x + 2, y + ROW - 4, escape(label)));
		}
		svg.append("</g>\n");
		double childX = x;
		List<Node> children = new ArrayList<>(node.children.values());
		children.sort(Comparator.comparing((Node n) -> n.name));
		for (Node child : children) {
			double childWidth = width * child.samples / node.samples;
			draw(svg, child, childX, childWidth, y - ROW, total);
			childX += childWidth;
		}
	}

	/** Packages to their initials: org.h2.mvstore.MVMap.get is o.h.m.MVMap.get. */
	static String shorten(String name) {
		String[] parts = name.split("\\.");
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			boolean pkg = i < parts.length - 2 && !parts[i].isEmpty() && Character.isLowerCase(parts[i].charAt(0));
			out.append(pkg ? parts[i].substring(0, 1) : parts[i]);
			if (i < parts.length - 1) {
				out.append('.');
			}
		}
		return out.toString();
	}

	static final String[][] COMPONENTS = { { "dev.marquee.storage.embedded.", "Marquee's embedded engine" },
			{ "dev.marquee.", "Marquee" }, { "org.h2.", "H2 MVStore" }, { "de.bwaldvogel.mongo.wire.", "embedded server: wire (BSON)" },
			{ "de.bwaldvogel.", "embedded server: query engine" }, { "com.mongodb.", "MongoDB driver" },
			{ "org.bson.", "BSON (driver)" }, { "org.springframework.data.", "Spring Data MongoDB" },
			{ "graphql.", "graphql-java" }, { "org.dataloader.", "graphql-java (DataLoader)" },
			{ "org.springframework.graphql.", "Spring for GraphQL" }, { "org.springframework.security.", "Spring Security" },
			{ "org.springframework.", "Spring (other)" }, { "reactor.", "Reactor" }, { "io.netty.", "Netty" },
			{ "org.apache.", "Tomcat" }, { "com.fasterxml.", "Jackson" }, { "tools.jackson.", "Jackson" },
			{ "io.micrometer.", "Micrometer" }, { "java.io.Object", "JDK: Java serialization" },
			{ "java.io.", "JDK: java.io" }, { "java.util.regex.", "JDK: regex" }, { "java.util.", "JDK: java.util" },
			{ "java.lang.", "JDK: java.lang" }, { "sun.nio.", "JDK: sockets" }, { "java.", "JDK (other)" },
			{ "jdk.", "JDK (other)" }, { "sun.", "JDK (other)" } };

	static String component(String frame) {
		for (String[] entry : COMPONENTS) {
			if (frame.startsWith(entry[0])) {
				return entry[1];
			}
		}
		return "other";
	}

	/** Colour by origin: ours, H2, the embedded server, the driver, Spring, graphql-java, the JDK. */
	static String color(String name) {
		String[][] palette = { { "thread ", "#c8c8c8" }, { "dev.marquee.", "#e66c37" }, { "org.h2.", "#d94a4a" },
				{ "de.bwaldvogel.", "#e8a33d" }, { "com.mongodb.", "#8fbf4d" }, { "org.bson.", "#8fbf4d" },
				{ "org.springframework.data.", "#5fa8d3" }, { "graphql.", "#b07cd8" },
				{ "org.springframework.", "#79b8e0" }, { "io.netty.", "#e8c95d" }, { "org.apache.", "#a0a0d0" },
				{ "com.fasterxml.", "#d47fa6" }, { "java.", "#eed39a" }, { "jdk.", "#eed39a" }, { "sun.", "#eed39a" } };
		for (String[] entry : palette) {
			if (name.startsWith(entry[0])) {
				return entry[1];
			}
		}
		return "#e0c080";
	}

	static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
