package com.seatkeeper.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver (no driver download), against
 * the real server. Screenshots go to target/screenshots/ for review.
 */
public final class Browser implements AutoCloseable {
    public final WebDriver driver;
    private final String base;

    public Browser(int port) {
        this(port, 1280, 900);
    }

    public Browser(int port, int width, int height) {
        try {
            ChromeOptions opts = new ChromeOptions();
            opts.setBinary("/usr/bin/chromium");
            opts.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--window-size=" + width + "," + height,
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
            this.driver = new ChromeDriver(service, opts);
            driver.manage().window().setSize(new Dimension(width, height));
            this.base = "http://localhost:" + port;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    public Browser signIn(String email, String password) {
        open("/login");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        // wait for the sign-in answer (next page or /login?error) so the next navigation cannot race it
        waitFor(d -> !d.getCurrentUrl().endsWith("/login"));
        return this;
    }

    public WebElement find(By by) {
        return waitFor(ExpectedConditions.presenceOfElementLocated(by));
    }

    public String text(By by) {
        return find(by).getText();
    }

    /** Waits (up to 10 s) until the element's text contains the expected text, e.g. after an htmx swap. */
    public void waitForText(By by, String expected) {
        waitFor(ExpectedConditions.textToBePresentInElementLocated(by, expected));
    }

    public <T> T waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition);
    }

    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path target = dir.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
