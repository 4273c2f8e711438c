package app.sabai.identity.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Stops identity when the process that launched it ({@code sabai.parent-pid}) is gone, so a local
 * platform never leaves it running after its launcher died, even from {@code kill -9}.
 */
@Component
@ConditionalOnProperty("sabai.parent-pid")
class ParentProcessWatcher implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatcher.class);

    private final long parentPid;

    ParentProcessWatcher(@Value("${sabai.parent-pid}") long parentPid) {
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
