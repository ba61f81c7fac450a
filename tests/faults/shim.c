/* I/O errors on demand, for the fault suite (issue 13): loaded with LD_PRELOAD, this shim
 * makes the n-th write or the n-th fsync of a process fail, as a dying disk or a full one
 * would. It only counts calls on files under $SPS_FAULT_DIR (never the terminal, pipes or
 * the test's own files), and only while $SPS_FAULT_KIND is set:
 *
 *   SPS_FAULT_KIND   "write" (write, pwrite, pwrite64, writev, ftruncate) or
 *                    "sync" (fsync, fdatasync, rename — a rename is where a staged file
 *                    becomes the real one)
 *   SPS_FAULT_AT     the number of the counted call that fails (1 = the first)
 *   SPS_FAULT_ERRNO  the error: EIO (default) or ENOSPC
 *   SPS_FAULT_STICKY "1": every counted call from the n-th on fails (a disk gone bad)
 *   SPS_FAULT_LOG    a file where each injected error is appended, one line each
 *
 * The count restarts in each process (a fork server's child counts its own calls).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static pid_t owner;
static long counted;

static int under_fault_dir(const char *target) {
    const char *dir = getenv("SPS_FAULT_DIR");
    return dir != NULL && *dir != '\0' && strncmp(target, dir, strlen(dir)) == 0;
}

static void note(const char *kind, const char *target) {
    static ssize_t (*real_write)(int, const void *, size_t);
    const char *log = getenv("SPS_FAULT_LOG");
    char line[PATH_MAX + 64];
    int fd, length;
    if (log == NULL) return;
    if (real_write == NULL) real_write = dlsym(RTLD_NEXT, "write");
    fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0600);
    if (fd < 0) return;
    length = snprintf(line, sizeof line, "%s %ld %s\n", kind, counted, target);
    real_write(fd, line, (size_t)length);
    close(fd);
}

/* Whether this call, on `target`, is the one to fail (and sets errno). */
static int fails(const char *kind, const char *target) {
    const char *wanted = getenv("SPS_FAULT_KIND");
    const char *at = getenv("SPS_FAULT_AT");
    const char *sticky = getenv("SPS_FAULT_STICKY");
    const char *error = getenv("SPS_FAULT_ERRNO");
    long limit;
    if (wanted == NULL || at == NULL || strcmp(wanted, kind) != 0) return 0;
    if (!under_fault_dir(target)) return 0;
    if (owner != getpid()) {
        owner = getpid();
        counted = 0;
    }
    counted++;
    limit = atol(at);
    if (counted == limit || (sticky != NULL && strcmp(sticky, "1") == 0 && counted > limit)) {
        note(kind, target);
        errno = (error != NULL && strcmp(error, "ENOSPC") == 0) ? ENOSPC : EIO;
        return 1;
    }
    return 0;
}

static int fd_fails(const char *kind, int fd) {
    char link[64], target[PATH_MAX];
    ssize_t length;
    if (getenv("SPS_FAULT_KIND") == NULL) return 0;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    length = readlink(link, target, sizeof target - 1);
    if (length < 0) return 0;
    target[length] = '\0';
    return fails(kind, target);
}

#define REAL(name) static __typeof__(name) *real; if (real == NULL) real = dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buffer, size_t count) {
    REAL(write);
    if (fd_fails("write", fd)) return -1;
    return real(fd, buffer, count);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
    REAL(pwrite);
    if (fd_fails("write", fd)) return -1;
    return real(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off64_t offset) {
    REAL(pwrite64);
    if (fd_fails("write", fd)) return -1;
    return real(fd, buffer, count, offset);
}

ssize_t writev(int fd, const struct iovec *vector, int count) {
    REAL(writev);
    if (fd_fails("write", fd)) return -1;
    return real(fd, vector, count);
}

int ftruncate(int fd, off_t length) {
    REAL(ftruncate);
    if (fd_fails("write", fd)) return -1;
    return real(fd, length);
}

int ftruncate64(int fd, off64_t length) {
    REAL(ftruncate64);
    if (fd_fails("write", fd)) return -1;
    return real(fd, length);
}

int fsync(int fd) {
    REAL(fsync);
    if (fd_fails("sync", fd)) return -1;
    return real(fd);
}

int fdatasync(int fd) {
    REAL(fdatasync);
    if (fd_fails("sync", fd)) return -1;
    return real(fd);
}

int rename(const char *old, const char *new) {
    char target[PATH_MAX];
    REAL(rename);
    if (getenv("SPS_FAULT_KIND") != NULL && realpath(old, target) != NULL
            && fails("sync", target)) return -1;
    return real(old, new);
}
