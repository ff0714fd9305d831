package io.github.webuimigrations.sample;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for end-to-end
 * tests. Needs the {@code chromium} and {@code chromium-driver} packages; never
 * downloads anything.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final int WIDTH = 1280;

	private static final int HEIGHT = 900;

	// Held here because java.util.logging keeps loggers weakly and would forget the level
	private static final Logger CDP_VERSION_LOGGER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

	static {
		// Selenium Manager is skipped (explicit driver path); this keeps it offline should it ever run
		System.setProperty("SE_AVOID_STATS", "true");
		System.setProperty("SE_OFFLINE", "true");
		// Selenium warns on every start that it has no CDP module for this Chromium; we never use CDP
		CDP_VERSION_LOGGER.setLevel(Level.SEVERE);
	}

	private final Path profile;

	private final ChromeDriver driver;

	/**
	 * Starts chromedriver and a headless Chromium with a fresh profile.
	 */
	public HeadlessChromium() {
		try {
			this.profile = Files.createTempDirectory("headless-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.withSilent(true)
			.withLogOutput(OutputStream.nullOutputStream())
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		// Root needs --no-sandbox; the rest keeps Chromium off the closed network and out of a small /dev/shm.
		// The resolver rules stop the DNS look-ups (Google, the search engine) that the flags alone leave.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
				"--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + this.profile);
		try {
			this.driver = new ChromeDriver(service, options);
		}
		catch (RuntimeException ex) {
			service.stop();
			deleteRecursively(this.profile);
			throw ex;
		}
		fitViewport();
	}

	/**
	 * Whether Debian's Chromium and chromedriver are installed.
	 * @return {@code true} if both binaries exist and are executable
	 */
	public static boolean available() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	/**
	 * Loads a page and waits for it to finish loading.
	 * @param url the address to open
	 */
	public void open(String url) {
		this.driver.get(url);
	}

	/**
	 * Returns the visible text of the first element matching a CSS selector.
	 * @param cssSelector the selector
	 * @return the element's visible text
	 */
	public String text(String cssSelector) {
		return retryIfStale(() -> this.driver.findElement(By.cssSelector(cssSelector)).getText());
	}

	/**
	 * Returns the visible text of every element matching a CSS selector.
	 * @param cssSelector the selector
	 * @return the texts in document order, empty if nothing matches
	 */
	public List<String> texts(String cssSelector) {
		return retryIfStale(() -> this.driver.findElements(By.cssSelector(cssSelector))
			.stream()
			.map(WebElement::getText)
			.toList());
	}

	/**
	 * Returns an attribute of the first element matching a CSS selector, as written in
	 * the HTML (an {@code href} stays relative).
	 * @param cssSelector the selector
	 * @param name the attribute name
	 * @return the value, or {@code null} if the element has no such attribute
	 */
	public String attribute(String cssSelector, String name) {
		return retryIfStale(() -> this.driver.findElement(By.cssSelector(cssSelector)).getDomAttribute(name));
	}

	/**
	 * Waits until an element matching a CSS selector is visible.
	 * @param cssSelector the selector
	 * @param timeout how long to wait before failing
	 */
	public void waitFor(String cssSelector, Duration timeout) {
		new WebDriverWait(this.driver, timeout)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)));
	}

	/**
	 * Waits until the first element matching a CSS selector shows a text.
	 * @param cssSelector the selector
	 * @param substring the text to wait for
	 * @param timeout how long to wait before failing
	 */
	public void waitForText(String cssSelector, String substring, Duration timeout) {
		// the page refreshes itself: an element can go between finding and reading it
		new WebDriverWait(this.driver, timeout).ignoring(WebDriverException.class)
			.until((driver) -> text(cssSelector).contains(substring));
	}

	/**
	 * Saves a PNG of the browser window (1280x900 CSS pixels).
	 * @param file where to write the PNG; parent folders are created
	 * @return the file written
	 */
	public Path screenshot(Path file) {
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			return Files.write(file, png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Quits the browser and chromedriver and deletes the temporary profile.
	 */
	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteRecursively(this.profile);
		}
	}

	// Headless Chromium still subtracts its invisible toolbar from the window; grow the window so
	// pages and screenshots get exactly WIDTH x HEIGHT
	private void fitViewport() {
		try {
			List<?> inner = (List<?>) this.driver.executeScript("return [window.innerWidth, window.innerHeight];");
			int width = ((Number) inner.get(0)).intValue();
			int height = ((Number) inner.get(1)).intValue();
			if (width != WIDTH || height != HEIGHT) {
				this.driver.manage().window().setSize(new Dimension(2 * WIDTH - width, 2 * HEIGHT - height));
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	// A page with a meta refresh can replace the element between finding and reading it; Chromium
	// then says so either as a stale element or as a node that "does not belong to the document"
	private static <T> T retryIfStale(Supplier<T> action) {
		for (int attempt = 1;; attempt++) {
			try {
				return action.get();
			}
			catch (WebDriverException ex) {
				if (attempt == 3 || !replacedByRefresh(ex)) {
					throw ex;
				}
			}
		}
	}

	private static boolean replacedByRefresh(WebDriverException ex) {
		return ex instanceof StaleElementReferenceException
				|| (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document"));
	}

	private static void deleteRecursively(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Best effort: a leftover temp profile must not fail the test
		}
	}

}
