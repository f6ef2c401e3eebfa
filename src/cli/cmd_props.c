/*
 * activ props: the four criteria of a good activation, measured for each
 * entry (include/activ/props.h), as a table, CSV or JSON, and with --rank the
 * order the predictor expects before any training.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../report/atomic_file.h"
#include "activ/props.h"
#include "cli.h"

/* the numeric fields of a record, in output order (the k-layer ones follow) */
static const struct {
    const char *name;
    size_t off;
} num_fields[] = {
    {"nonlinearity", offsetof(activ_measured, nonlinearity)},
    {"curvature", offsetof(activ_measured, curvature)},
    {"fwd_ns", offsetof(activ_measured, fwd_ns)},
    {"bwd_ns", offsetof(activ_measured, bwd_ns)},
    {"fwd_ns_rel", offsetof(activ_measured, fwd_ns_rel)},
    {"bwd_ns_rel", offsetof(activ_measured, bwd_ns_rel)},
    {"grad_first", offsetof(activ_measured, grad_first)},
    {"grad_last", offsetof(activ_measured, grad_last)},
    {"grad_ratio_first_last", offsetof(activ_measured, grad_ratio)},
    {"grad_log10", offsetof(activ_measured, grad_log10)},
    {"backprop_ratio", offsetof(activ_measured, backprop_ratio)},
    {"dead_fraction", offsetof(activ_measured, dead_fraction)},
    {"saturation", offsetof(activ_measured, saturation)},
    {"net_saturation", offsetof(activ_measured, net_saturation)},
    {"output_mean", offsetof(activ_measured, output_mean)},
    {"output_var", offsetof(activ_measured, output_var)},
    {"score", offsetof(activ_measured, score)},
};
#define NNUM (sizeof num_fields / sizeof *num_fields)

static double num(const activ_measured *m, size_t i)
{
    return *(const double *)((const char *)m + num_fields[i].off);
}

static const struct {
    const char *name;
    size_t off;
} flag_fields[] = {
    {"monotonic", offsetof(activ_measured, monotonic)},
    {"smooth", offsetof(activ_measured, smooth)},
    {"bounded_below", offsetof(activ_measured, bounded_below)},
    {"bounded_above", offsetof(activ_measured, bounded_above)},
    {"zero_centred", offsetof(activ_measured, zero_centred)},
    {"parametric", offsetof(activ_measured, parametric)},
};
#define NFLAG (sizeof flag_fields / sizeof *flag_fields)

static activ_tri flag(const activ_measured *m, size_t i)
{
    return *(const activ_tri *)((const char *)m + flag_fields[i].off);
}

typedef struct row {
    const char *spec;
    activ_measured m;
    int rank; /* 1-based predicted rank, 0 without --rank */
} row;

static void write_json(FILE *f, const row *rows, size_t n)
{
    fputc('[', f);
    for (size_t r = 0; r < n; r++) {
        const activ_measured *m = &rows[r].m;
        fprintf(f, "%s\n{\"name\":", r ? "," : "");
        json_string(f, m->entry->name);
        fprintf(f, ",\"spec\":");
        json_string(f, rows[r].spec);
        fprintf(f, ",\"kind\":");
        json_string(f, activ_kind_name(m->entry->kind));
        fprintf(f, ",\"init\":");
        json_string(f, m->init);
        if (rows[r].rank) fprintf(f, ",\"predicted_rank\":%d", rows[r].rank);
        for (size_t i = 0; i < NNUM; i++) {
            fprintf(f, ",\"%s\":", num_fields[i].name);
            json_number(f, num(m, i));
        }
        for (int i = 0; i < m->nk; i++) {
            fprintf(f, ",\"mean_k%d\":", m->k[i]);
            json_number(f, m->mean_k[i]);
            fprintf(f, ",\"var_k%d\":", m->k[i]);
            json_number(f, m->var_k[i]);
        }
        fprintf(f, ",\"network_applicable\":%s,\"self_normalising\":%s", m->net_ok ? "true" : "false",
                m->net_ok && m->self_normalising ? "true" : "false");
        for (size_t i = 0; i < NFLAG; i++) {
            fprintf(f, ",\"%s\":", flag_fields[i].name);
            json_string(f, tri_str(flag(m, i)));
        }
        fprintf(f, ",\"flag_mismatch\":");
        json_string(f, m->flag_mismatch[0] ? m->flag_mismatch : NULL);
        fprintf(f, ",\"note\":");
        json_string(f, m->note[0] ? m->note : NULL);
        fputc('}', f);
    }
    fputs("\n]\n", f);
}

static void csv_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_csv(FILE *f, const row *rows, size_t n)
{
    fputs("name,spec,kind,init,predicted_rank", f);
    for (size_t i = 0; i < NNUM; i++) fprintf(f, ",%s", num_fields[i].name);
    if (n)
        for (int i = 0; i < rows[0].m.nk; i++) fprintf(f, ",mean_k%d,var_k%d", rows[0].m.k[i], rows[0].m.k[i]);
    fputs(",network_applicable,self_normalising", f);
    for (size_t i = 0; i < NFLAG; i++) fprintf(f, ",%s", flag_fields[i].name);
    fputs(",flag_mismatch,note\n", f);
    for (size_t r = 0; r < n; r++) {
        const activ_measured *m = &rows[r].m;
        fprintf(f, "%s,", m->entry->name);
        csv_str(f, rows[r].spec);
        fprintf(f, ",%s,%s,", activ_kind_name(m->entry->kind), m->init);
        if (rows[r].rank) fprintf(f, "%d", rows[r].rank);
        for (size_t i = 0; i < NNUM; i++)
            if (isfinite(num(m, i))) fprintf(f, ",%.9g", num(m, i));
            else fputs(",", f);
        for (int i = 0; i < m->nk; i++) fprintf(f, ",%.9g,%.9g", m->mean_k[i], m->var_k[i]);
        fprintf(f, ",%d,%d", m->net_ok, m->net_ok && m->self_normalising);
        for (size_t i = 0; i < NFLAG; i++) fprintf(f, ",%s", tri_str(flag(m, i)));
        fputc(',', f);
        csv_str(f, m->flag_mismatch);
        fputc(',', f);
        csv_str(f, m->note);
        fputc('\n', f);
    }
}

static const char *bounded_str(const activ_measured *m)
{
    int lo = m->bounded_below == ACTIV_YES, hi = m->bounded_above == ACTIV_YES;
    return lo && hi ? "both" : lo ? "below" : hi ? "above" : "no";
}

static void print_table(const row *rows, size_t n, const activ_props_config *c, int ranked)
{
    const char *dash = "-";
    printf("activ props: network %d x %d, batch %d, seed %llu; cost relative to ReLU in this run\n\n", c->depth,
           c->width, c->batch, (unsigned long long)c->seed);
    if (ranked) printf("%4s %7s ", "RANK", "SCORE");
    printf("%-18s %6s %6s %5s %5s %7s %5s %5s %8s %8s %2s %8s %7s %4s %6s %5s %5s %s\n", "NAME", "NONLIN", "CURV",
           "FWDx", "BWDx", "LOG10GR", "DEAD", "SAT", "MEAN@L", "VAR@L", "SN", "OUTMEAN", "OUTVAR", "MONO", "SMOOTH",
           "BOUND", "PARAM", "FLAGS");
    for (size_t r = 0; r < n; r++) {
        const activ_measured *m = &rows[r].m;
        if (ranked) printf("%4d %7.3f ", rows[r].rank, m->score);
        char fwd[16], bwd[16], gr[16], dead[16], mean[16], var[16];
        snprintf(fwd, sizeof fwd, isfinite(m->fwd_ns_rel) ? "%.2f" : "-", m->fwd_ns_rel);
        snprintf(bwd, sizeof bwd, isfinite(m->bwd_ns_rel) ? "%.2f" : "-", m->bwd_ns_rel);
        snprintf(gr, sizeof gr, m->net_ok ? "%+.2f" : "-", m->grad_log10);
        snprintf(dead, sizeof dead, m->net_ok ? "%.3f" : "-", m->dead_fraction);
        snprintf(mean, sizeof mean, m->net_ok ? "%.3g" : "-", m->nk ? m->mean_k[m->nk - 1] : NAN);
        snprintf(var, sizeof var, m->net_ok ? "%.3g" : "-", m->nk ? m->var_k[m->nk - 1] : NAN);
        printf("%-18.18s %6.3f %6.3f %5s %5s %7s %5s %5.3f %8s %8s %2s %8.4f %7.4f %4s %6s %5s %5s %s\n", rows[r].spec,
               m->nonlinearity, m->curvature, fwd, bwd, gr, dead, m->saturation, mean, var,
               m->net_ok ? (m->self_normalising ? "y" : "n") : dash, m->output_mean, m->output_var,
               tri_str(m->monotonic), tri_str(m->smooth), bounded_str(m), tri_str(m->parametric),
               m->flag_mismatch[0] ? "MISMATCH" : "ok");
    }
    printf("\nNONLIN 1-R^2 of the best linear fit to f(Z), Z~N(0,1); CURV E|df'| (kinks count); FWDx/BWDx kernel time\n"
           "over ReLU's; LOG10GR log10 |dW first| / |dW last| (0: even flow); DEAD units with no gradient for the whole\n"
           "batch; SAT P(|f'(Z)| < 1%% of max); MEAN@L/VAR@L of the last layer's activations; SN self-normalising;\n"
           "OUTMEAN/OUTVAR of f(Z).  Flags derived from f alone; MISMATCH: they differ from 'activ list' (see JSON).\n"
           "docs/properties.md defines each number%s.\n",
           ranked ? " and the score" : "");
    for (size_t r = 0; r < n; r++)
        if (rows[r].m.flag_mismatch[0]) printf("  %s: %s\n", rows[r].spec, rows[r].m.flag_mismatch);
    for (size_t r = 0; r < n; r++)
        if (rows[r].m.note[0]) printf("  %s: %s\n", rows[r].spec, rows[r].m.note);
}

static int write_file(const char *path, const row *rows, size_t n, void (*writer)(FILE *, const row *, size_t))
{
    atomic_file af;
    if (atomic_open(&af, path)) {
        cli_error("props: cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    writer(af.f, rows, n);
    if (atomic_commit(&af)) {
        cli_error("props: writing '%s' failed: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int cmp_score(const void *a, const void *b)
{
    double x = ((const row *)a)->m.score, y = ((const row *)b)->m.score;
    if (isnan(x) || isnan(y)) return isnan(x) - isnan(y);
    return (x < y) - (x > y);
}

static int whole(const char *opt, const char *s, double lo, double hi, double *out)
{
    if (cli_number(s, out) || *out < lo || *out > hi || *out != floor(*out)) {
        cli_error("props: %s wants a whole number from %g to %g, got '%s'", opt, lo, hi, s);
        return -1;
    }
    return 0;
}

static const char usage[] = "usage: activ props [NAME[:k=v]...] [--set seed|benchmark|all] [--depth N] [--width N] "
                            "[--batch N] [--seed N] [--no-cost] [--rank] [--json] [--json-file FILE] [--csv FILE]";

static int takes_value(const char *opt)
{
    static const char *const opts[] = {"--set", "--csv", "--json-file", "--depth", "--width", "--batch", "--seed"};
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        if (!strcmp(opt, opts[i])) return 1;
    return 0;
}

int cmd_props(int argc, char **argv)
{
    activ_props_config cfg;
    activ_props_config_default(&cfg);
    const char *set = NULL, *csv = NULL, *json_file = NULL;
    int json = 0, rank = 0, rc = 0;
    size_t nnames = 0;
    const char **names = calloc((size_t)argc, sizeof *names);
    if (!names) return 1;
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double x;
        if (!strcmp(a, "--json")) json = 1;
        else if (!strcmp(a, "--rank")) rank = 1;
        else if (!strcmp(a, "--no-cost")) cfg.cost = 0;
        else if (!v && takes_value(a)) {
            cli_error("props: %s needs a value (%s)", a, usage);
            rc = EXIT_USAGE;
        } else if (!strcmp(a, "--set")) set = argv[++i];
        else if (!strcmp(a, "--csv")) csv = argv[++i];
        else if (!strcmp(a, "--json-file")) json_file = argv[++i];
        else if (!strcmp(a, "--depth")) rc = whole(a, argv[++i], 1, 10000, &x) ? EXIT_USAGE : (cfg.depth = (int)x, 0);
        else if (!strcmp(a, "--width")) rc = whole(a, argv[++i], 1, 65536, &x) ? EXIT_USAGE : (cfg.width = (int)x, 0);
        else if (!strcmp(a, "--batch")) rc = whole(a, argv[++i], 1, 65536, &x) ? EXIT_USAGE : (cfg.batch = (int)x, 0);
        else if (!strcmp(a, "--seed")) rc = whole(a, argv[++i], 0, 9007199254740992.0, &x) ? EXIT_USAGE : (cfg.seed = (uint64_t)x, 0);
        else if (a[0] == '-' && a[1] == '-') {
            cli_error("props: unknown option '%s' (%s)", a, usage);
            rc = EXIT_USAGE;
        } else names[nnames++] = a;
    }
    size_t cap = activ_catalog_size() + nnames;
    const activ_entry **es = calloc(cap, sizeof *es);
    double(*ps)[ACTIV_MAX_PARAMS] = calloc(cap, sizeof *ps);
    const double **pp = calloc(cap, sizeof *pp);
    row *rows = calloc(cap, sizeof *rows);
    activ_measured *ms = calloc(cap, sizeof *ms);
    size_t n = 0;
    if (rc == 0 && (!es || !ps || !pp || !rows || !ms)) rc = 1;
    for (size_t i = 0; rc == 0 && i < nnames; i++, n++) {
        if (!(es[n] = cli_resolve(names[i], ps[n]))) rc = EXIT_USAGE;
        rows[n].spec = names[i];
        pp[n] = ps[n];
    }
    if (rc == 0 && (set || !nnames)) {
        long k = activ_set_members(set ? set : "all", es + n, cap - n);
        if (k < 0) {
            cli_error("props: unknown set '%s' (sets: seed, benchmark, all)", set);
            rc = EXIT_USAGE;
        }
        for (long j = 0; j < k; j++, n++) rows[n].spec = es[n]->name, pp[n] = NULL;
    }
    if (rc == 0) {
        char err[256];
        if (isatty(2) && !json) fprintf(stderr, "  measuring %zu activation(s) ...", n);
        if (activ_props_measure_many(es, pp, n, &cfg, ms, err, sizeof err)) {
            cli_error("props: %s", err);
            rc = 1;
        }
        if (isatty(2) && !json) fprintf(stderr, "\r%60s\r", "");
    }
    if (rc == 0) {
        for (size_t i = 0; i < n; i++) rows[i].m = ms[i];
        if (rank) {
            qsort(rows, n, sizeof *rows, cmp_score);
            for (size_t i = 0; i < n; i++) rows[i].rank = (int)i + 1;
        }
        if (csv && write_file(csv, rows, n, write_csv)) rc = 1;
        if (rc == 0 && json_file && write_file(json_file, rows, n, write_json)) rc = 1;
        if (rc == 0) {
            if (json) write_json(stdout, rows, n);
            else print_table(rows, n, &cfg, rank);
        }
    }
    free(names), free(es), free(ps), free(pp), free(rows), free(ms);
    return rc;
}
