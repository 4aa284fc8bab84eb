package dev.marquee.graphql;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.marquee.support.StandaloneApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * GraphiQL and Voyager work as a person sees them, in a headless Chromium that can reach no host but the
 * application (every other name resolves to nothing): GraphiQL runs its default query on the demo data and
 * shows the answer, its docs show the schema's root types, Voyager draws the schema; no request leaves the
 * origin and the Content-Security-Policy refuses nothing. Uses Debian's {@code chromium} and
 * {@code chromium-driver} (.ci/run installs them); without them the test fails on CI and is skipped
 * elsewhere. Screenshots go to {@code target/screenshots/}.
 */
class GraphiQlBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target/screenshots");

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	static Path dataDir;

	@TempDir
	static Path profileDir;

	/** Selenium warns that it has no DevTools bindings for this Chromium: this test reads no DevTools. */
	private static final List<Logger> QUIET = new ArrayList<>();

	private static StandaloneApplication app;

	private static String origin;

	private ChromeDriver browser;

	@BeforeAll
	static void startTheApplicationAndTheDriver() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && System.getenv("CI") != null) {
			fail("CI has no " + CHROMIUM + " or " + CHROMEDRIVER + ": .ci/run installs chromium and chromium-driver");
		}
		Assumptions.assumeTrue(installed, "GraphiQlBrowserIT skipped: install Debian's chromium and chromium-driver");
		app = StandaloneApplication.start(dataDir, "embedded");
		origin = "http://localhost:" + app.port();
		for (String name : List.of("org.openqa.selenium.devtools", "org.openqa.selenium.chromium")) {
			Logger logger = Logger.getLogger(name);
			logger.setLevel(Level.SEVERE);
			QUIET.add(logger);
		}
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@BeforeEach
	void openABrowserThatReachesOnlyTheApplication() throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1440,900",
				"--user-data-dir=" + Files.createTempDirectory(profileDir, "chromium"),
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		// the machine's driver, never one Selenium Manager would download (it quits with the browser)
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(driver, options);
	}

	@AfterEach
	void closeTheBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void graphiqlRunsTheDefaultQueryOnTheDemoDataAndShowsTheSchemaWithNothingFromAnotherOrigin() throws IOException {
		this.browser.get(origin + "/graphiql");
		assertThat(this.browser.getCurrentUrl()).isEqualTo(origin + "/graphiql/");
		WebElement editor = await(By.cssSelector(".graphiql-query-editor .monaco-editor"));
		assertThat(text(editor)).contains("series(slug: \"ai-on-the-lot\")");

		await(By.cssSelector("button.graphiql-execute-button")).click();
		WebDriverWait wait = new WebDriverWait(this.browser, PATIENCE);
		wait.until((driver) -> text(driver.findElement(By.cssSelector(".graphiql-response"))).contains("HALF_DAY"));
		String answer = text(this.browser.findElement(By.cssSelector(".graphiql-response")));
		assertThat(answer).contains("\"name\": \"AI on the Lot\"", "\"name\": \"AI on the Lot 2023\"", "\"year\": 2023")
			.doesNotContain("\"errors\"");
		screenshot("graphiql");

		await(By.cssSelector("button[aria-label='Show Documentation Explorer']")).click();
		wait.until((driver) -> text(driver.findElement(By.cssSelector(".graphiql-doc-explorer"))).contains("Mutation"));
		String docs = text(this.browser.findElement(By.cssSelector(".graphiql-doc-explorer")));
		assertThat(docs).contains("Root Types", "query: Query", "mutation: Mutation");
		screenshot("graphiql-docs");

		await(By.cssSelector("button[aria-label='Show GraphiQL Explorer']")).click();
		wait.until((driver) -> text(driver.findElement(By.cssSelector(".graphiql-plugin"))).contains("series"));
		screenshot("graphiql-explorer");

		assertEveryRequestStayedOnTheOrigin();
	}

	@Test
	void voyagerDrawsTheSchemaWithNothingFromAnotherOrigin() throws IOException {
		this.browser.get(origin + "/voyager");
		assertThat(this.browser.getCurrentUrl()).isEqualTo(origin + "/voyager/");
		// the graph is laid out by Graphviz in a worker, then drawn as SVG: a node per type
		WebElement query = await(By.xpath("//*[local-name()='svg']//*[local-name()='g' and contains(@class,'node')]"
				+ "//*[local-name()='text' and normalize-space()='Query']"));
		assertThat(query.isDisplayed()).isTrue();
		assertThat(this.browser.findElements(By.xpath("//*[local-name()='svg']//*[local-name()='g' and "
				+ "contains(@class,'node')]//*[local-name()='text' and normalize-space()='Event']")))
			.isNotEmpty();
		screenshot("voyager");

		assertEveryRequestStayedOnTheOrigin();
	}

	private WebElement await(By locator) {
		return new WebDriverWait(this.browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	/** What the element shows; Monaco writes its spaces as no-break spaces. */
	private static String text(WebElement element) {
		return element.getText().replace('\u00a0', ' ');
	}

	private void screenshot(String name) throws IOException {
		File shot = this.browser.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Every request of the page and its workers went to the application's origin ({@code data:} and
	 * {@code blob:} URLs are read in the page; {@code chrome:} ones are the browser's own empty tab), and the
	 * console shows no warning or error, so nothing was refused by the Content-Security-Policy either.
	 */
	private void assertEveryRequestStayedOnTheOrigin() {
		List<String> urls = new ArrayList<>();
		Json json = new Json();
		for (LogEntry entry : this.browser.manage().logs().get(LogType.PERFORMANCE)) {
			Map<String, Object> message = json.toType(entry.getMessage(), Json.MAP_TYPE);
			Map<?, ?> event = (Map<?, ?>) message.get("message");
			if ("Network.requestWillBeSent".equals(event.get("method"))) {
				Map<?, ?> request = (Map<?, ?>) ((Map<?, ?>) event.get("params")).get("request");
				String url = (String) request.get("url");
				urls.add(url.startsWith("data:") ? url.substring(0, Math.min(url.length(), 40)) + "…" : url);
			}
		}
		assertThat(urls).as("requests of the page").anyMatch((url) -> url.equals(origin + "/graphql"))
			.filteredOn((url) -> !url.matches("(data|blob|chrome|chrome-untrusted):.*"))
			.allSatisfy((url) -> assertThat(url).startsWith(origin + "/"));
		List<String> console = this.browser.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogEntry::getMessage)
			.toList();
		assertThat(console).as("warnings and errors in the console").isEmpty();
	}

}
