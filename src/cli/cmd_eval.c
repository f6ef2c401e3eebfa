/* activ eval NAME[:k=v,...] X...: f(x), f'(x) and the parameter gradients. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct {
    double *v;
    size_t n, cap;
} numbers;

static int push(numbers *xs, double v)
{
    if (xs->n == xs->cap) {
        size_t cap = xs->cap ? 2 * xs->cap : 64;
        double *nv = realloc(xs->v, cap * sizeof *nv);
        if (!nv) return -1;
        xs->v = nv;
        xs->cap = cap;
    }
    xs->v[xs->n++] = v;
    return 0;
}

static int read_stdin(numbers *xs)
{
    char tok[128];
    long count = 0;
    while (scanf("%127s", tok) == 1) {
        double v;
        count++;
        if (cli_number(tok, &v)) {
            cli_error("eval: standard input, number %ld: '%s' is not a number", count, tok);
            return -1;
        }
        if (push(xs, v)) return -1;
    }
    return 0;
}

int cmd_eval(int argc, char **argv)
{
    const char *spec = NULL;
    int json = 0, single = 0;
    numbers xs = {0};
    for (int i = 1; i < argc; i++) {
        double v;
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--float")) single = 1;
        else if (!spec) spec = argv[i];
        else if (!strcmp(argv[i], "-")) {
            if (read_stdin(&xs)) goto bad;
        } else if (cli_number(argv[i], &v) == 0) {
            if (push(&xs, v)) goto bad;
        } else {
            cli_error("eval: '%s' is not a number (inputs are numbers like 1.5, -2e-3, inf, nan; '-' reads "
                      "standard input)", argv[i]);
            goto bad;
        }
    }
    if (!spec || xs.n == 0) {
        cli_error("eval: usage: activ eval NAME[:k=v,...] X... [--float] [--json]");
        goto bad;
    }
    double p[ACTIV_MAX_PARAMS];
    const activ_entry *e = cli_resolve(spec, p);
    if (!e) goto bad;
    float pf[ACTIV_MAX_PARAMS];
    for (unsigned k = 0; k < e->nparams; k++) pf[k] = (float)p[k];

    if (!json) {
        printf("%-24s %-24s %-24s", "x", "f(x)", "f'(x)");
        for (unsigned k = 0; k < e->nparams; k++) {
            char h[64];
            snprintf(h, sizeof h, "df/d%s", e->params[k].name);
            printf(" %-24s", h);
        }
        printf("\n");
    } else {
        printf("[");
    }
    for (size_t i = 0; i < xs.n; i++) {
        double x = xs.v[i], y, d, g[ACTIV_MAX_PARAMS];
        if (single) {
            float gf[ACTIV_MAX_PARAMS];
            x = (float)x;
            y = activ_f32(e, (float)x, pf);
            d = activ_df32(e, (float)x, pf);
            activ_dp32(e, (float)x, pf, gf);
            for (unsigned k = 0; k < e->nparams; k++) g[k] = gf[k];
        } else {
            y = activ_f64(e, x, p);
            d = activ_df64(e, x, p);
            activ_dp64(e, x, p, g);
        }
        if (json) {
            printf("%s{\"activation\":", i ? ",\n" : "\n");
            json_string(stdout, e->name);
            printf(",\"x\":");
            json_number(stdout, x);
            printf(",\"f\":");
            json_number(stdout, y);
            printf(",\"df\":");
            json_number(stdout, d);
            printf(",\"dparams\":{");
            for (unsigned k = 0; k < e->nparams; k++) {
                printf("%s", k ? "," : "");
                json_string(stdout, e->params[k].name);
                printf(":");
                json_number(stdout, g[k]);
            }
            printf("}}");
        } else {
            const char *fmt = single ? "%-24.9g " : "%-24.17g ";
            printf(fmt, x);
            printf(fmt, y);
            printf(fmt, d);
            for (unsigned k = 0; k < e->nparams; k++) printf(fmt, g[k]);
            printf("\n");
        }
    }
    if (json) printf("\n]\n");
    free(xs.v);
    return 0;
bad:
    free(xs.v);
    return EXIT_USAGE;
}
