package com.seatkeeper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SeatkeeperApplication {
    public static void main(String[] args) {
        SpringApplication.run(SeatkeeperApplication.class, args);
    }
}
