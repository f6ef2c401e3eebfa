/*
 * Runs a fuzz target's LLVMFuzzerTestOneInput on every file of the given
 * directories (its seed corpus and the crashers found so far), so what the
 * fuzzer once found stays a regression test in the normal and sanitized
 * builds.  A missing directory is skipped (fuzz/regress/<target> exists only
 * once something was found); none at all, or no input, is an error.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_target.h"

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? 2 * cap : 4096;
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                fprintf(stderr, "%s: out of memory\n", path);
                free(buf);
                fclose(f);
                return -1;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return -1;
    }
    /* an exact-size copy, so ASan sees reads past the input */
    uint8_t *exact = malloc(len ? len : 1);
    if (len) memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

int main(int argc, char **argv)
{
    size_t inputs = 0, dirs = 0;
    for (int a = 1; a < argc; a++) {
        DIR *d = opendir(argv[a]);
        if (!d) continue;
        dirs++;
        struct dirent *ent;
        while ((ent = readdir(d))) {
            if (ent->d_name[0] == '.') continue;
            char path[4096];
            struct stat st;
            snprintf(path, sizeof path, "%s/%s", argv[a], ent->d_name);
            if (stat(path, &st) || !S_ISREG(st.st_mode)) continue;
            if (replay_file(path)) {
                closedir(d);
                return 1;
            }
            inputs++;
        }
        closedir(d);
    }
    if (!dirs || !inputs) {
        fprintf(stderr, "fuzz_replay: no inputs found in the directories given\n");
        return 1;
    }
    printf("replayed %zu inputs from %zu directories\n", inputs, dirs);
    return 0;
}
