package io.cercle.gamification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Gamification service: point rules, ledger and balances, reputation, badges, leaderboards, challenges, rewards shop and auctions. */
@SpringBootApplication
public class GamificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GamificationServiceApplication.class, args);
    }
}
