package app.sabai.infra.launcher;

/** The command line or the environment asks for something the launcher cannot do; the message says what to change. */
public class OptionsException extends RuntimeException {

    public OptionsException(String message) {
        super(message);
    }
}
