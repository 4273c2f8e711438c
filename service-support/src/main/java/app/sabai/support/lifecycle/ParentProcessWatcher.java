package app.sabai.support.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the service when the process that launched it is gone ({@code sabai.parent-pid}), so a local
 * platform never leaves services running after its launcher died, even from {@code kill -9}.
 */
public class ParentProcessWatcher implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatcher.class);

    private final long parentPid;

    public ParentProcessWatcher(long parentPid) {
        this.parentPid = parentPid;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> stop(context)),
                () -> stop(context));
    }

    private void stop(ConfigurableApplicationContext context) {
        log.info("Launcher process {} is gone; shutting down", parentPid);
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
