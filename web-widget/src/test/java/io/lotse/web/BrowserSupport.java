package io.lotse.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share: Debian's Chromium, headless, driven through chromedriver, and
 * short ways to reach into the widget's shadow DOM by {@code data-testid}.
 */
final class BrowserSupport {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private BrowserSupport() {}

    /** A desktop-sized browser. */
    static ChromeDriver newBrowser() throws IOException {
        return startBrowser(1280, 900);
    }

    /**
     * A browser whose page is this size (390 x 844 is a phone). Headless Chromium keeps a window at
     * least 500 pixels wide, so the page's size is set through the DevTools protocol as well.
     */
    static ChromeDriver newBrowser(int width, int height) throws IOException {
        ChromeDriver driver = startBrowser(width, height);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 500));
        return driver;
    }

    private static ChromeDriver startBrowser(int width, int height) throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("lotse-chromium-"));
        // The console's messages, CSP violations among them, for consoleMessages().
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        return new ChromeDriver(service, options);
    }

    /** What the pages wrote to the browser's console since the last call (CSP violations included), one line each. */
    static List<String> consoleMessages(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    static String executable(String name) {
        for (String dir : List.of("/usr/bin", "/usr/lib/chromium", "/usr/local/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed; .ci/run installs Debian's chromium and chromium-driver");
    }

    /** The widget's shadow root, once the widget is on the page. */
    static SearchContext widget(WebDriver driver) {
        WebElement host = waitFor(driver, () -> driver.findElement(By.id("lotse-chat-host")));
        return waitFor(driver, host::getShadowRoot);
    }

    static WebElement find(WebDriver driver, SearchContext context, String testId) {
        return waitFor(driver, () -> context.findElement(By.cssSelector("[data-testid=" + testId + "]")));
    }

    static void click(WebDriver driver, SearchContext context, String testId) {
        find(driver, context, testId).click();
    }

    static WebElement last(SearchContext context, String testId) {
        List<WebElement> all = context.findElements(By.cssSelector("[data-testid=" + testId + "]"));
        if (all.isEmpty()) {
            throw new NoSuchElementException(testId);
        }
        return all.getLast();
    }

    static <T> T waitFor(WebDriver driver, Supplier<T> what) {
        return new WebDriverWait(driver, WAIT).ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> what.get());
    }

    static void waitUntil(WebDriver driver, BooleanSupplier condition) {
        new WebDriverWait(driver, WAIT).ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    static void screenshot(TakesScreenshot driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
