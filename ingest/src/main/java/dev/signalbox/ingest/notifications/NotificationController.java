package dev.signalbox.ingest.notifications;

import java.time.Clock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Notifications to everyone, or to one user (whose channel is private to them). */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final NotificationRepository notifications;
    private final Clock clock = Clock.systemUTC();

    NotificationController(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created send(@Valid @RequestBody NewNotification request) {
        Notification notification = new Notification(request.audience(), request.userId(), request.title().strip(), request.body(),
                request.link(), request.severity() == null ? Notification.Severity.INFO : request.severity(), clock.instant());
        return new Created(notifications.save(notification).getId());
    }

    record NewNotification(
            @NotNull Notification.Audience audience,
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.@-]+", message = "letters, digits and _ . @ - only") String userId,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String body,
            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String link,
            Notification.Severity severity) {

        @AssertTrue(message = "userId is required for audience USER and not allowed for EVERYONE")
        boolean isAudienceConsistent() {
            return audience == null || (audience == Notification.Audience.USER) == (userId != null);
        }
    }

    record Created(long id) {
    }
}

interface NotificationRepository extends JpaRepository<Notification, Long> {
}
