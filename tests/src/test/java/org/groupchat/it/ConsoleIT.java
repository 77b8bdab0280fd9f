package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser: Debian's chromium, headless, through chromedriver
 * (scripts/test.sh installs both). An administrator signs in, creates a room, adds a member and
 * disables it; holds a room and clears its history; the administration API then shows what the
 * page did.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final AdminApi admin = new AdminApi();
    private WebDriver browser;
    private WebDriverWait wait;

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @BeforeEach
    void startBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console test needs the Debian packages chromium and chromium-driver"
                    + " (scripts/test.sh installs them)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--ignore-certificate-errors"); // the test server's HTTPS certificate is self-signed
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdministratorCreatesARoomAddsAMemberAndDisablesIt() throws Exception {
        String name = unique("console");
        browser.get("http://127.0.0.1:" + Sipp.httpPort() + "/groupchat/admin/");
        // typed with http://, the console moves to HTTPS, so the password and the API calls do
        assertEquals("https://127.0.0.1:" + Sipp.httpsPort() + "/groupchat/admin/", browser.getCurrentUrl());

        type("password", "not-the-password");
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "401 Unauthorized"));

        type("password", System.getProperty("it.admin.password"));
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rooms")));

        type("new-name", name);
        type("new-description", "made in the browser");
        new Select(browser.findElement(By.id("new-privacy"))).selectByVisibleText("OPEN");
        type("new-members", "sip:alice@groupchat.test");
        browser.findElement(By.id("create-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("room-name"), name));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rooms"), name));

        type("member-uri", "sip:bob@groupchat.test");
        browser.findElement(By.id("add-member-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-members"), "sip:bob@groupchat.test (member)"));

        type("member-uri", "bob");
        browser.findElement(By.id("add-member-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "'bob' is not a SIP URI of the form sip:user@host"));

        browser.findElement(By.id("disable-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("room-state"), "disabled"));

        type("search", name);
        WebElement row = browser.findElement(By.cssSelector("#rooms tbody tr"));
        assertContains(row.getText(), name + " root OPEN NORMAL 2 disabled");

        String id = row.getAttribute("data-id");
        String stored = admin.send("GET", "/" + id, null).body();
        assertContains(stored, "\"disabled\":true");
        assertContains(stored, "\"members\":[\"sip:alice@groupchat.test\",\"sip:bob@groupchat.test\"]");
        assertEquals(1, browser.findElements(By.cssSelector("#rooms tbody tr")).size(), "the search left one row");
    }

    @Test
    void anAdministratorHoldsARoomAndClearsItsHistoryOnceTheHoldIsReleased() throws Exception {
        String name = unique("console-held");
        long room = admin.createRoom("{\"name\":\"" + name + "\",\"privacy\":\"OPEN\"}");
        browser.get("https://127.0.0.1:" + Sipp.httpsPort() + "/groupchat/admin/");
        type("password", System.getProperty("it.admin.password"));
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rooms")));

        type("search", name);
        browser.findElement(By.cssSelector("#rooms tbody tr[data-id='" + room + "']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("room-name"), name));
        type("hold-room-reason", "case 19 from the browser");
        browser.findElement(By.id("hold-room-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("holds"), "room " + name + " case 19 from the browser admin"));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        type("clear-before", today);
        browser.findElement(By.id("clear-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "is under legal hold"));
        assertContains(browser.findElement(By.id("status")).getAttribute("class"), "error");

        WebElement hold = browser.findElement(By.xpath("//table[@id='holds']//tr[contains(., '" + name + "')]"));
        String holdId = hold.getAttribute("data-id");
        hold.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Legal hold " + holdId + " released"));
        assertFalse(browser.findElement(By.id("holds")).getText().contains(name), "the released hold is still listed");
        assertFalse(admin.api("GET", "/holds", null).body().contains("\"room\":" + room + ","), "the API still has the hold");

        browser.findElement(By.id("clear-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "0 messages cleared from " + name));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
