/*
 * activ bench: kernel speed against the machine's streaming copy, measured
 * in the same run (these machines are shared: only ratios from one run are
 * worth comparing).  For each activation, direction and size: ns per
 * element, GB/s moved, and the ratio to a copy of the same bytes (forward
 * reads one array and writes one, like a copy; backward reads two and
 * writes one, 1.5 copies).  Entries with a backward from the output
 * (activ_backward_from_output: dx = dy f'(x) from y = f(x)) get that too, as
 * direction "backward_y", with y the forward's output of the same x.  Each figure is the median of 7 timings of a loop
 * long enough to take >= 5 ms.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    const activ_entry *e;
    const float *p, *x, *dy;
    float *y;
    size_t n;
    int what;        /* 0 copy, 1 forward, 2 backward, 3 backward from the output */
    const float *fy; /* f(x), the input of 3 */
} job;

static const char *const dir_name[] = {"copy", "forward", "backward", "backward_y"};

static void run_once(const job *j)
{
    if (j->what == 0) {
        size_t n = j->n, t = (size_t)activ_threads(), chunk = (n + t - 1) / t;
        (void)chunk;
#pragma omp parallel for num_threads(activ_threads()) if (n >= 65536)
        for (size_t c = 0; c < t; c++) {
            size_t a = c * chunk, len = a >= n ? 0 : (n - a < chunk ? n - a : chunk);
            if (len) memcpy(j->y + a, j->x + a, len * sizeof(float));
        }
    } else if (j->what == 1) {
        activ_forward(j->e, j->p, j->x, j->y, j->n);
    } else if (j->what == 2) {
        activ_backward(j->e, j->p, j->x, j->dy, j->y, j->n);
    } else {
        activ_backward_from_output(j->e, j->p, j->fy, j->dy, j->y, j->n);
    }
}

/* ns per element, median of 7 */
static double time_job(const job *j)
{
    run_once(j); /* warm */
    double t0 = now();
    run_once(j);
    double once = now() - t0;
    long reps = once > 0 ? (long)(5e-3 / once) + 1 : 1000;
    double samples[7];
    for (int s = 0; s < 7; s++) {
        double a = now();
        for (long r = 0; r < reps; r++) run_once(j);
        samples[s] = (now() - a) / (double)reps / (double)j->n * 1e9;
    }
    qsort(samples, 7, sizeof *samples, cmp_double);
    return samples[3];
}

static size_t parse_size(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || v <= 0) return 0;
    if (*end == 'K' || *end == 'k') v *= 1024, end++;
    else if (*end == 'M' || *end == 'm') v *= 1024 * 1024, end++;
    if (*end == 'i') end++;
    return *end ? 0 : (size_t)v;
}

int cmd_bench(int argc, char **argv)
{
    const char *names[128];
    size_t nnames = 0, sizes[16], nsizes = 0;
    int json = 0, threads = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
            double t;
            if (cli_number(argv[++i], &t) || t < 1 || t > 1024 || t != floor(t)) {
                cli_error("bench: --threads wants a whole number from 1, got '%s'", argv[i]);
                return EXIT_USAGE;
            }
            threads = (int)t;
        } else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
            char *list = argv[++i];
            for (char *tok = strtok(list, ","); tok && nsizes < 16; tok = strtok(NULL, ",")) {
                if (!(sizes[nsizes++] = parse_size(tok))) {
                    cli_error("bench: bad size '%s' (examples: 4096, 64Ki, 16Mi)", tok);
                    return EXIT_USAGE;
                }
            }
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            cli_error("bench: unknown option '%s'", argv[i]);
            return EXIT_USAGE;
        } else if (nnames < 128) names[nnames++] = argv[i];
    }
    if (!nsizes) {
        /* resident in L1, L2, L3 and DRAM on this kind of machine */
        sizes[0] = 4096, sizes[1] = 64 * 1024, sizes[2] = 1024 * 1024, sizes[3] = 16 * 1024 * 1024;
        nsizes = 4;
    }
    const activ_entry *es[128];
    double ps[128][ACTIV_MAX_PARAMS];
    size_t ne = 0;
    if (nnames) {
        for (size_t i = 0; i < nnames; i++)
            if (!(es[ne] = cli_resolve(names[i], ps[ne]))) return EXIT_USAGE;
            else ne++;
    } else {
        /* default: every entry with a vector kernel */
        for (size_t i = 0; i < activ_catalog_size() && ne < 128; i++) {
            activ_kernel_info ki;
            const activ_entry *e = activ_catalog_get(i);
            if (activ_kernel_info_get(e, &ki)) {
                es[ne] = e;
                activ_defaults(e, ps[ne++]);
            }
        }
    }
    activ_set_threads(threads);
    size_t maxn = 0;
    for (size_t s = 0; s < nsizes; s++)
        if (sizes[s] > maxn) maxn = sizes[s];
    float *x = aligned_alloc(64, (maxn * 4 + 63) / 64 * 64), *dy = aligned_alloc(64, (maxn * 4 + 63) / 64 * 64);
    float *y = aligned_alloc(64, (maxn * 4 + 63) / 64 * 64), *fy = aligned_alloc(64, (maxn * 4 + 63) / 64 * 64);
    if (!x || !dy || !y || !fy) {
        cli_error("bench: out of memory for %zu elements", maxn);
        return 1;
    }
    /* x ~ N(0, 2^2), dy ~ N(0, 1), as the peers' measurements use */
    uint64_t st = 88172645463325252ull;
    for (size_t i = 0; i < maxn; i++) {
        st ^= st << 13, st ^= st >> 7, st ^= st << 17;
        double u1 = ((double)(st >> 11) + 0.5) * 0x1p-53;
        st ^= st << 13, st ^= st >> 7, st ^= st << 17;
        double u2 = (double)(st >> 11) * 0x1p-53;
        double z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
        x[i] = (float)(2 * z);
        dy[i] = (float)(z * 0.5 + 0.25);
        y[i] = fy[i] = 0;
    }
    int tty = isatty(2);
    if (!json)
        printf("activ bench: isa %s, %d thread(s); ratio = time / time of a streaming copy of the same bytes\n\n"
               "%-14s %-10s %10s %10s %8s %8s %s\n",
               activ_isa_name(activ_isa_active()), activ_threads(), "activation", "direction", "elements", "ns/elem",
               "GB/s", "x copy", "kernel");
    else
        printf("[");
    int first = 1;
    for (size_t s = 0; s < nsizes; s++) {
        size_t n = sizes[s];
        job cj = {NULL, NULL, x, dy, y, n, 0, NULL};
        double copy = time_job(&cj);
        if (!json) printf("%-14s %-10s %10zu %10.3f %8.1f %8s\n", "(copy)", "-", n, copy, 8.0 / copy, "1.00");
        for (size_t k = 0; k < ne; k++) {
            float pf[ACTIV_MAX_PARAMS];
            for (unsigned q = 0; q < es[k]->nparams; q++) pf[q] = (float)ps[k][q];
            activ_kernel_info ki;
            int vec = activ_kernel_info_get(es[k], &ki);
            int ndir = 2;
            if (activ_backward_from_output(es[k], pf, x, dy, y, 0) == 0) {
                activ_forward(es[k], pf, x, fy, n);
                ndir = 3;
            }
            for (int dir = 1; dir <= ndir; dir++) {
                if (tty && !json) fprintf(stderr, "\r  %s %s %zu ...", es[k]->name, dir_name[dir], n);
                job j = {es[k], pf, x, dy, y, n, dir, fy};
                double t = time_job(&j);
                int dvec = dir == 3 ? vec && ki.has_backward_from_output : vec; /* else the scalar df_from_y */
                double bytes = dir == 1 ? 8 : 12, ratio = t / (copy * bytes / 8);
                if (tty && !json) fprintf(stderr, "\r%60s\r", "");
                if (json) {
                    printf("%s\n{\"activation\":", first ? "" : ",");
                    json_string(stdout, es[k]->name);
                    printf(",\"direction\":\"%s\",\"size\":%zu,\"threads\":%d,\"isa\":\"%s\",\"vectorised\":%s,"
                           "\"ns_per_element\":%.4f,\"gb_per_s\":%.3f,\"ratio_to_copy\":%.3f,\"copy_ns_per_element\":%.4f}",
                           dir_name[dir], n, activ_threads(), activ_isa_name(activ_isa_active()),
                           dvec ? "true" : "false", t, bytes / t, ratio, copy);
                    first = 0;
                } else {
                    printf("%-14s %-10s %10zu %10.3f %8.1f %8.2f %s\n", es[k]->name, dir_name[dir], n, t, bytes / t, ratio,
                           dvec ? "vector" : "scalar");
                }
                fflush(stdout);
            }
        }
    }
    if (json) printf("\n]\n");
    free(x), free(dy), free(y), free(fy);
    return 0;
}
