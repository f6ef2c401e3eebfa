/* activ plot NAME... -o FILE.svg: functions (solid) and derivatives (dashed). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../report/atomic_file.h"
#include "../report/svg_plot.h"
#include "cli.h"

#define MAX_CURVES 10

static int parse_range(const char *s, double *a, double *b)
{
    const char *colon = strchr(s, ':');
    if (!colon) return -1;
    char lo[64];
    size_t n = (size_t)(colon - s);
    if (n >= sizeof lo) return -1;
    memcpy(lo, s, n);
    lo[n] = 0;
    if (cli_number(lo, a) || cli_number(colon + 1, b)) return -1;
    return isfinite(*a) && isfinite(*b) && *a < *b ? 0 : -1;
}

int cmd_plot(int argc, char **argv)
{
    const char *out = NULL, *specs[MAX_CURVES];
    size_t nspec = 0;
    double xa = -5, xb = 5, ya = 0, yb = 0;
    int yfixed = 0, deriv = 1, points = 801, width = 900, height = 600;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) out = argv[++i];
        else if (!strcmp(a, "--range") && i + 1 < argc) {
            if (parse_range(argv[++i], &xa, &xb)) {
                cli_error("plot: --range wants A:B with A < B, got '%s'", argv[i]);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--yrange") && i + 1 < argc) {
            if (parse_range(argv[++i], &ya, &yb)) {
                cli_error("plot: --yrange wants A:B with A < B, got '%s'", argv[i]);
                return EXIT_USAGE;
            }
            yfixed = 1;
        } else if (!strcmp(a, "--no-derivative")) deriv = 0;
        else if (a[0] == '-' && a[1] == '-') {
            cli_error("plot: unknown option '%s'", a);
            return EXIT_USAGE;
        } else if (nspec < MAX_CURVES) specs[nspec++] = a;
        else {
            cli_error("plot: at most %d activations in one plot", MAX_CURVES);
            return EXIT_USAGE;
        }
    }
    if (!nspec || !out) {
        cli_error("plot: usage: activ plot NAME[:k=v,...]... -o FILE.svg [--range A:B] [--yrange A:B] "
                  "[--no-derivative]");
        return EXIT_USAGE;
    }
    const activ_entry *es[MAX_CURVES];
    double ps[MAX_CURVES][ACTIV_MAX_PARAMS];
    for (size_t k = 0; k < nspec; k++)
        if (!(es[k] = cli_resolve(specs[k], ps[k]))) return EXIT_USAGE;

    size_t ns = nspec * (deriv ? 2 : 1);
    double *xs = malloc((size_t)points * sizeof *xs), *ys = malloc(ns * (size_t)points * sizeof *ys);
    plot_series *series = calloc(ns, sizeof *series);
    char (*labels)[160] = calloc(ns, sizeof *labels);
    if (!xs || !ys || !series || !labels) {
        free(xs), free(ys), free(series), free(labels);
        cli_error("plot: out of memory");
        return 1;
    }
    for (int i = 0; i < points; i++) xs[i] = xa + (xb - xa) * i / (points - 1);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0, s = 0; k < nspec; k++) {
        for (int d = 0; d <= deriv; d++, s++) {
            double *y = ys + s * (size_t)points;
            for (int i = 0; i < points; i++) {
                y[i] = d ? activ_df64(es[k], xs[i], ps[k]) : activ_f64(es[k], xs[i], ps[k]);
                if (isfinite(y[i])) {
                    if (y[i] < lo) lo = y[i];
                    if (y[i] > hi) hi = y[i];
                }
            }
            snprintf(labels[s], sizeof labels[s], "%s%s", specs[k], d ? "  derivative" : "");
            series[s] = (plot_series){labels[s], xs, y, (size_t)points, (int)k, d};
        }
    }
    if (!yfixed) {
        /* keep fast-growing curves (exponential) from flattening the rest */
        double cap = 1.5 * (fabs(xa) > fabs(xb) ? fabs(xa) : fabs(xb));
        if (lo < -cap) lo = -cap;
        if (hi > cap) hi = cap;
        if (!(hi > lo)) lo -= 1, hi += 1;
        double pad = 0.08 * (hi - lo);
        ya = lo - pad;
        yb = hi + pad;
    }
    char title[256] = "";
    for (size_t k = 0, n = 0; k < nspec && n < sizeof title; k++)
        n += (size_t)snprintf(title + n, sizeof title - n, "%s%s", k ? ", " : "", es[k]->title);
    plot_axes ax = {title, "x", deriv ? "f(x) (solid) and f'(x) (dashed)" : "f(x)", xa, xb, ya, yb, width, height};

    int rc = 0;
    if (!strcmp(out, "-")) {
        rc = svg_line_plot(stdout, &ax, series, ns) ? 1 : 0;
    } else {
        atomic_file af;
        if (atomic_open(&af, out)) {
            cli_error("plot: cannot write '%s': %s", out, strerror(errno));
            rc = 1;
        } else if (svg_line_plot(af.f, &ax, series, ns) || atomic_commit(&af)) {
            cli_error("plot: writing '%s' failed: %s", out, strerror(errno));
            rc = 1;
        } else {
            fprintf(stderr, "activ: wrote %s\n", out);
        }
    }
    free(xs), free(ys), free(series), free(labels);
    return rc;
}
