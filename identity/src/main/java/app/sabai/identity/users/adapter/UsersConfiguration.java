package app.sabai.identity.users.adapter;

import app.sabai.identity.IdentityProperties;
import app.sabai.identity.StartRefusedException;
import app.sabai.identity.users.DemoUsers;
import app.sabai.identity.users.SabaiUser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(UsersConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The demo users when demo mode is on and the issuer is local; nobody otherwise. */
    @Bean
    SabaiUserDetailsService userDetailsService(IdentityProperties properties, AuthorizationServerSettings settings,
                                               PasswordEncoder passwordEncoder) {
        SabaiUserDetailsService users = new SabaiUserDetailsService();
        if (!properties.demo().enabled()) {
            return users;
        }
        DemoUsers.refusal(settings.getIssuer()).ifPresent(reason -> {
            throw new StartRefusedException(reason, "Switch demo mode off (sabai.identity.demo.enabled=false) and use real"
                    + " users, or run with a local issuer such as http://localhost:9000.");
        });
        for (SabaiUser user : DemoUsers.ALL) {
            users.add(user, passwordEncoder.encode(DemoUsers.password(user)));
        }
        log.info("Demo mode: {} demo users whose password is their user name", DemoUsers.ALL.size());
        return users;
    }
}
