package app.sabai.therapist;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TherapistServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TherapistServiceApplication.class, args);
    }
}
