#define _POSIX_C_SOURCE 200809L
#include "util/atomic_file.h"

#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int atomic_open(atomic_file *af, const char *path)
{
    memset(af, 0, sizeof *af);
    size_t n = strlen(path);
    af->path = strdup(path);
    af->tmp = malloc(n + 16);
    if (!af->path || !af->tmp) {
        free(af->path), free(af->tmp);
        errno = ENOMEM;
        return -1;
    }
    snprintf(af->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(af->tmp);
    if (fd >= 0) {
        /* mkstemp makes the file private (0600); the result should get the usual mode */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0) {
            int err = errno;
            close(fd), unlink(af->tmp);
            free(af->path), free(af->tmp);
            errno = err;
            return -1;
        }
    }
    if (fd < 0 || !(af->f = fdopen(fd, "w"))) {
        int err = errno;
        if (fd >= 0) close(fd), unlink(af->tmp);
        free(af->path), free(af->tmp);
        errno = err;
        return -1;
    }
    return 0;
}

int atomic_commit(atomic_file *af)
{
    int ok = fflush(af->f) == 0 && !ferror(af->f) && fsync(fileno(af->f)) == 0;
    int err = errno;
    if (fclose(af->f) != 0) ok = 0;
    if (ok && rename(af->tmp, af->path) != 0) {
        ok = 0;
        err = errno;
    }
    if (!ok) unlink(af->tmp);
    free(af->path), free(af->tmp);
    errno = err;
    return ok ? 0 : -1;
}

void atomic_abort(atomic_file *af)
{
    fclose(af->f);
    unlink(af->tmp);
    free(af->path), free(af->tmp);
}
