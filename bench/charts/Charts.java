import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * Renders the benchmark charts as PNG with the JDK alone (headless java.awt + ImageIO), from the
 * chart-data.csv that bench/report.py writes. Usage: java bench/charts/Charts.java <results-dir> <out-dir>
 */
public class Charts {

	record Chart(String file, String title, String unit, boolean log) {
	}

	static final Map<String, Chart> CHARTS = Map.of(
			"p50_c1", new Chart("p50-c1.png", "p50 latency at concurrency 1: app vs raw floor, by scale", "ms (log scale)", true),
			"p50_c32", new Chart("p50-c32.png", "p50 latency at concurrency 32: app vs raw floor, by scale", "ms (log scale)", true),
			"commands", new Chart("commands-per-request.png", "MongoDB commands per request (concurrency 1), by scale", "commands", false),
			"scale", new Chart("heap-and-startup.png", "Heap after full GC and start-up time, by scale", "MiB / s", false));

	static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
			new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f) };

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		Path out = Path.of(args[1]);
		Files.createDirectories(out);
		Map<String, Map<String, Map<String, Double>>> data = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(args[0], "chart-data.csv"))) {
			String[] f = line.split(",");
			if (f.length == 4) {
				data.computeIfAbsent(f[0], (k) -> new LinkedHashMap<>())
					.computeIfAbsent(f[1], (k) -> new LinkedHashMap<>())
					.put(f[2], Double.parseDouble(f[3]));
			}
		}
		for (var entry : data.entrySet()) {
			Chart chart = CHARTS.get(entry.getKey());
			if (chart != null) {
				render(chart, entry.getValue(), out.resolve(chart.file()).toFile());
				System.out.println("wrote " + out.resolve(chart.file()));
			}
		}
	}

	static void render(Chart chart, Map<String, Map<String, Double>> groups, File file) throws Exception {
		Set<String> seriesSet = new LinkedHashSet<>();
		groups.values().forEach((m) -> seriesSet.addAll(m.keySet()));
		List<String> series = new ArrayList<>(seriesSet);
		// app before floor, then by scale as a number (1x, 4x, 16x), not as text
		series.sort(java.util.Comparator.comparing((String name) -> name.replaceAll("[0-9.]+x$", ""))
			.thenComparingDouble((name) -> name.matches(".*?([0-9.]+)x$") ? Double.parseDouble(name.replaceAll(".*?([0-9.]+)x$", "$1")) : 0));
		int width = 1100, height = 560, left = 80, right = 20, top = 50, bottom = 120;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, height);
		double max = groups.values().stream().flatMap((m) -> m.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
		double min = groups.values().stream().flatMap((m) -> m.values().stream()).filter((v) -> v > 0).mapToDouble(Double::doubleValue).min().orElse(1);
		double lo = chart.log() ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
		double hi = chart.log() ? Math.pow(10, Math.ceil(Math.log10(max))) : niceCeil(max);
		int plotH = height - top - bottom, plotW = width - left - right;
		java.util.function.DoubleUnaryOperator y = (v) -> {
			double t = chart.log() ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : v / hi;
			return top + plotH - t * plotH;
		};
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.setColor(new Color(0xdddddd));
		List<Double> ticks = new ArrayList<>();
		if (chart.log()) {
			for (double t = lo; t <= hi * 1.0001; t *= 10) {
				ticks.add(t);
			}
		}
		else {
			for (int i = 0; i <= 5; i++) {
				ticks.add(hi * i / 5);
			}
		}
		for (double t : ticks) {
			int ty = (int) y.applyAsDouble(t);
			g.setColor(new Color(0xdddddd));
			g.drawLine(left, ty, width - right, ty);
			g.setColor(Color.DARK_GRAY);
			String label = (t >= 1 || t == 0) ? String.format(Locale.ROOT, "%,.0f", t) : String.format(Locale.ROOT, "%.2f", t);
			g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), ty + 4);
		}
		g.setColor(Color.BLACK);
		g.drawLine(left, top + plotH, width - right, top + plotH);
		g.drawLine(left, top, left, top + plotH);
		int groupW = plotW / Math.max(1, groups.size());
		int barW = Math.max(4, (int) (groupW * 0.8 / Math.max(1, series.size())));
		int gi = 0;
		for (var group : groups.entrySet()) {
			int gx = left + gi * groupW + (int) (groupW * 0.1);
			for (int si = 0; si < series.size(); si++) {
				Double v = group.getValue().get(series.get(si));
				if (v == null) {
					continue;
				}
				int by = (int) y.applyAsDouble(v);
				g.setColor(PALETTE[si % PALETTE.length]);
				if (series.get(si).startsWith("floor")) {
					g.setColor(PALETTE[si % PALETTE.length].brighter());
				}
				g.fillRect(gx + si * barW, by, barW - 2, top + plotH - by);
				g.setColor(Color.DARK_GRAY);
				g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
				String value = (v >= 100) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
				g.drawString(value, gx + si * barW, by - 3);
			}
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
			g.setColor(Color.BLACK);
			String name = group.getKey();
			g.drawString(name, left + gi * groupW + (groupW - g.getFontMetrics().stringWidth(name)) / 2, top + plotH + 18);
			gi++;
		}
		int lx = left;
		int ly = height - 60;
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		for (int si = 0; si < series.size(); si++) {
			g.setColor(series.get(si).startsWith("floor") ? PALETTE[si % PALETTE.length].brighter() : PALETTE[si % PALETTE.length]);
			g.fillRect(lx, ly - 10, 12, 12);
			g.setColor(Color.BLACK);
			g.drawString(series.get(si), lx + 16, ly);
			lx += 30 + g.getFontMetrics().stringWidth(series.get(si));
		}
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
		g.drawString(chart.title(), left, 28);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		g.drawString(chart.unit() + "   (noisy: 2 shared CPU cores, see docs/benchmarks.md)", left, height - 25);
		g.setStroke(new BasicStroke(1));
		g.dispose();
		ImageIO.write(image, "png", file);
	}

	static double niceCeil(double v) {
		double p = Math.pow(10, Math.floor(Math.log10(v)));
		for (double m : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (m * p >= v) {
				return m * p;
			}
		}
		return 10 * p;
	}

}
