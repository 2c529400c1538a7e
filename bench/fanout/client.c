// A lean load generator for bench/fanout.sh, in C: one thread, epoll, many WebSocket sessions to one
// gateway, each subscribed to one channel. It measures every event's delivery latency (its publish
// time in the frame's "time" field -> receipt here) without parsing the frame's JSON. Same line
// protocol as client.mjs, so the benchmark drives either:
//
//   fanout-client <host> <port> <first-session> <sessions> <channels>
//
// Commands on stdin, answers on stdout as one JSON line each:
//   report   deliveries and a latency histogram (1 ms buckets) since the last report, then reset
//   exit     close every session and end
// It writes {"ready":<sessions>} once every session has been answered "subscribed".
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_MS 60000
#define BATCH 200
#define MAX_FRAME (1 << 20)
// Room for the largest frame kept pending plus one read.
#define READ_BUFFER (MAX_FRAME + 16 + 256 * 1024)

enum state { CONNECTING, HANDSHAKE, OPEN, CLOSED };

struct session {
    int fd;
    int index;
    enum state state;
    // Bytes of a frame (or of the handshake answer) that a read cut off, kept until the rest arrives.
    char *pending;
    size_t pending_length;
};

static struct session *sessions;
static int session_count, first_session, channel_count;
static struct sockaddr_in gateway;
static char host_header[300];
static int epoll_fd;
static uint32_t buckets[MAX_MS + 1];
static uint64_t deliveries;
static int subscribed, closed_early, opened, exiting;
static double since;
static char read_buffer[READ_BUFFER];

static void fail(const char *what) {
    perror(what);
    exit(1);
}

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int64_t now_millis(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *p, int n) {
    int value = 0;
    for (int i = 0; i < n; i++) {
        value = value * 10 + (p[i] - '0');
    }
    return value;
}

// Epoch millis of an ISO-8601 instant in UTC, "2026-12-02T12:30:00[.fraction]Z"; -1 if it is not one.
static int64_t parse_instant(const char *p, const char *end) {
    if (end - p < 20 || p[4] != '-' || p[7] != '-' || p[10] != 'T' || p[13] != ':' || p[16] != ':') {
        return -1;
    }
    int64_t seconds = days_from_civil(digits(p, 4), digits(p + 5, 2), digits(p + 8, 2)) * 86400
            + digits(p + 11, 2) * 3600 + digits(p + 14, 2) * 60 + digits(p + 17, 2);
    int millis = 0;
    if (p[19] == '.') {
        const char *f = p + 20;
        for (int i = 0; i < 3; i++) {
            millis = millis * 10 + (f < end && *f >= '0' && *f <= '9' ? *f++ - '0' : 0);
        }
    }
    return seconds * 1000 + millis;
}

static void send_all(struct session *s, const char *bytes, size_t length) {
    // Client frames are tiny and sockets fresh: a short write here would mean a broken connection.
    if (write(s->fd, bytes, length) != (ssize_t) length) {
        fail("write");
    }
}

// A client frame, masked as RFC 6455 requires (with a zero mask: the masking is the header's, not secrecy).
static void send_frame(struct session *s, int opcode, const char *payload, size_t length) {
    char frame[256];
    if (length > 125) {
        fprintf(stderr, "client frame too long\n");
        exit(1);
    }
    frame[0] = (char) (0x80 | opcode);
    frame[1] = (char) (0x80 | length);
    memset(frame + 2, 0, 4);
    memcpy(frame + 6, payload, length);
    send_all(s, frame, 6 + length);
}

static void on_text(const char *text, size_t length) {
    static const char event_prefix[] = "{\"type\":\"event\"";
    static const char time_key[] = "\"time\":\"";
    if (length > sizeof event_prefix - 1 && memcmp(text, event_prefix, sizeof event_prefix - 1) == 0) {
        const char *at = memmem(text, length, time_key, sizeof time_key - 1);
        if (at != NULL) {
            int64_t published = parse_instant(at + sizeof time_key - 1, text + length);
            if (published >= 0) {
                int64_t ms = now_millis() - published;
                buckets[ms < 0 ? 0 : ms > MAX_MS ? MAX_MS : ms]++;
                deliveries++;
            }
        }
    } else if (memmem(text, length, "\"type\":\"subscribed\"", 19) != NULL) {
        if (++subscribed == session_count) {
            printf("{\"ready\":%d}\n", session_count);
            fflush(stdout);
        }
    }
}

static void close_session(struct session *s) {
    if (s->state != CLOSED) {
        if (!exiting) {
            closed_early++;
        }
        s->state = CLOSED;
        close(s->fd);
        free(s->pending);
        s->pending = NULL;
        s->pending_length = 0;
    }
}

// Consumes whole frames from bytes; returns how many bytes it used (the rest is a partial frame).
static size_t on_frames(struct session *s, const char *bytes, size_t length) {
    size_t used = 0;
    while (length - used >= 2) {
        const unsigned char *h = (const unsigned char *) bytes + used;
        int opcode = h[0] & 0x0f;
        uint64_t payload = h[1] & 0x7f;
        size_t header = 2;
        if (payload == 126) {
            if (length - used < 4) break;
            payload = ((uint64_t) h[2] << 8) | h[3];
            header = 4;
        } else if (payload == 127) {
            if (length - used < 10) break;
            payload = 0;
            for (int i = 0; i < 8; i++) payload = (payload << 8) | h[2 + i];
            header = 10;
        }
        if (payload > MAX_FRAME) {
            fprintf(stderr, "session %d: a frame of %llu bytes\n", s->index, (unsigned long long) payload);
            close_session(s);
            return length;
        }
        if (length - used < header + payload) break;
        const char *data = bytes + used + header;
        if (opcode == 1) {
            on_text(data, payload);
        } else if (opcode == 9) {
            send_frame(s, 10, data, payload);
        } else if (opcode == 8) {
            close_session(s);
            return length;
        }
        used += header + payload;
    }
    return used;
}

static void subscribe(struct session *s) {
    char message[128];
    int length = snprintf(message, sizeof message, "{\"type\":\"subscribe\",\"channel\":\"bench.c%d\"}", s->index % channel_count);
    send_frame(s, 1, message, (size_t) length);
}

static void start_session(struct session *s) {
    s->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (s->fd < 0) fail("socket");
    int one = 1;
    setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(s->fd, (struct sockaddr *) &gateway, sizeof gateway) < 0 && errno != EINPROGRESS) fail("connect");
    s->state = CONNECTING;
    struct epoll_event event = {.events = EPOLLOUT, .data.ptr = s};
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, s->fd, &event) < 0) fail("epoll_ctl");
}

static void on_connected(struct session *s) {
    char request[512];
    // The key is any 16 bytes in base64; the answer's accept value is not checked (a lean client).
    int length = snprintf(request, sizeof request,
            "GET /ws HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: c2lnbmFsYm94LWJlbmNoIQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", host_header);
    send_all(s, request, (size_t) length);
    s->state = HANDSHAKE;
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = s};
    if (epoll_ctl(epoll_fd, EPOLL_CTL_MOD, s->fd, &event) < 0) fail("epoll_ctl");
}

static void keep_pending(struct session *s, const char *bytes, size_t length) {
    char *kept = malloc(length);
    if (kept == NULL) fail("malloc");
    memcpy(kept, bytes, length);
    free(s->pending);
    s->pending = kept;
    s->pending_length = length;
}

static void on_readable(struct session *s) {
    size_t offset = 0;
    if (s->pending_length > 0) {
        memcpy(read_buffer, s->pending, s->pending_length);
        offset = s->pending_length;
    }
    ssize_t n = read(s->fd, read_buffer + offset, READ_BUFFER - offset);
    if (n == 0 || (n < 0 && errno != EAGAIN)) {
        close_session(s);
        return;
    }
    if (n < 0) return;
    size_t length = offset + (size_t) n;
    const char *bytes = read_buffer;
    if (s->state == HANDSHAKE) {
        const char *end = memmem(bytes, length, "\r\n\r\n", 4);
        if (end == NULL) {
            keep_pending(s, bytes, length);
            return;
        }
        if (length < 12 || memcmp(bytes, "HTTP/1.1 101", 12) != 0) {
            fprintf(stderr, "session %d: the upgrade was refused: %.*s\n", s->index, (int) (end - bytes), bytes);
            close_session(s);
            return;
        }
        s->state = OPEN;
        opened++;
        subscribe(s);
        size_t header = (size_t) (end + 4 - bytes);
        bytes += header;
        length -= header;
    }
    size_t used = on_frames(s, bytes, length);
    if (s->state == CLOSED) return;
    if (used < length) {
        keep_pending(s, bytes + used, length - used);
    } else if (s->pending_length > 0) {
        free(s->pending);
        s->pending = NULL;
        s->pending_length = 0;
    }
}

static void report(void) {
    double now = now_seconds();
    printf("{\"deliveries\":%llu,\"seconds\":%.3f,\"histogram\":{", (unsigned long long) deliveries, now - since);
    const char *separator = "";
    for (int ms = 0; ms <= MAX_MS; ms++) {
        if (buckets[ms] > 0) {
            printf("%s\"%d\":%u", separator, ms, buckets[ms]);
            separator = ",";
        }
    }
    printf("},\"subscribed\":%d,\"closedEarly\":%d}\n", subscribed, closed_early);
    fflush(stdout);
    memset(buckets, 0, sizeof buckets);
    deliveries = 0;
    since = now;
}

static void on_command(void) {
    static char line[64];
    static size_t length;
    ssize_t n = read(STDIN_FILENO, line + length, sizeof line - 1 - length);
    if (n <= 0) {
        exit(0);  // the benchmark is gone
    }
    length += (size_t) n;
    char *newline;
    while ((newline = memchr(line, '\n', length)) != NULL) {
        *newline = '\0';
        if (strcmp(line, "report") == 0) {
            report();
        } else if (strcmp(line, "exit") == 0) {
            exiting = 1;
            for (int i = 0; i < session_count; i++) close_session(&sessions[i]);
            exit(0);
        }
        size_t consumed = (size_t) (newline + 1 - line);
        memmove(line, newline + 1, length - consumed);
        length -= consumed;
    }
    if (length == sizeof line - 1) length = 0;  // a line that long is no command
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s <host> <port> <first-session> <sessions> <channels>\n", argv[0]);
        return 2;
    }
    memset(&gateway, 0, sizeof gateway);
    gateway.sin_family = AF_INET;
    gateway.sin_port = htons((uint16_t) atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &gateway.sin_addr) != 1) {
        fprintf(stderr, "not an IPv4 address: %s\n", argv[1]);
        return 2;
    }
    snprintf(host_header, sizeof host_header, "%s:%s", argv[1], argv[2]);
    first_session = atoi(argv[3]);
    session_count = atoi(argv[4]);
    channel_count = atoi(argv[5]);
    sessions = calloc((size_t) session_count, sizeof *sessions);
    if (sessions == NULL) fail("calloc");
    epoll_fd = epoll_create1(0);
    if (epoll_fd < 0) fail("epoll_create1");
    struct epoll_event stdin_event = {.events = EPOLLIN, .data.ptr = NULL};
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, STDIN_FILENO, &stdin_event) < 0) fail("epoll_ctl stdin");
    since = now_seconds();

    int started = 0;
    struct epoll_event events[512];
    for (;;) {
        // Open in batches, so the gateway's accept queue is not flooded.
        while (started < session_count && started - opened - closed_early < BATCH) {
            struct session *s = &sessions[started];
            s->index = first_session + started;
            start_session(s);
            started++;
        }
        int n = epoll_wait(epoll_fd, events, 512, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            struct session *s = events[i].data.ptr;
            if (s == NULL) {
                on_command();
            } else if (s->state == CONNECTING) {
                if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                    close_session(s);
                } else {
                    on_connected(s);
                }
            } else if (s->state != CLOSED) {
                on_readable(s);
            }
        }
    }
}
