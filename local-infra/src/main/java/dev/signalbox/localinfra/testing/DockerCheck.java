package dev.signalbox.localinfra.testing;

/** Asks Testcontainers whether a Docker engine answers, without needing Testcontainers to be present. */
final class DockerCheck {

    private DockerCheck() {
    }

    static boolean dockerAvailable() {
        if (Boolean.getBoolean("signalbox.test.no-docker")) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, DockerCheck.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        // Answers false within a fraction of a second when no engine is reachable.
        return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    }
}
