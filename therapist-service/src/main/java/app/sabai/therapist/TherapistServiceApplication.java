package app.sabai.therapist;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class TherapistServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TherapistServiceApplication.class, args);
    }
}
