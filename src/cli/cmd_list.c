/* activ list: the catalog as a table (or JSON), properties computed from the math. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *bounded_str(const activ_props *p)
{
    int lo = p->bounded_below == ACTIV_YES, hi = p->bounded_above == ACTIV_YES;
    return lo && hi ? "both" : lo ? "below" : hi ? "above" : "no";
}

static void params_str(const activ_entry *e, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = 0;
    if (e->nparams == 0) snprintf(buf, len, "-");
    for (unsigned i = 0; i < e->nparams && n < len; i++)
        n += (size_t)snprintf(buf + n, len - n, "%s%s=%g%s", i ? "," : "", e->params[i].name, e->params[i].value,
                              e->params[i].flags & ACTIV_P_TRAINABLE ? "*" : "");
}

int cmd_list(int argc, char **argv)
{
    const char *set = "all", *family = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--set") && i + 1 < argc) set = argv[++i];
        else if (!strcmp(argv[i], "--family") && i + 1 < argc) family = argv[++i];
        else {
            cli_error("list: unexpected argument '%s' (usage: activ list [--set seed|benchmark|all] "
                      "[--family F] [--json])", argv[i]);
            return EXIT_USAGE;
        }
    }
    size_t cap = activ_catalog_size();
    const activ_entry **es = malloc(cap * sizeof *es);
    if (!es) return 1;
    long n = activ_set_members(set, es, cap);
    if (n < 0) {
        cli_error("list: unknown set '%s' (sets: seed, benchmark, all)", set);
        free(es);
        return EXIT_USAGE;
    }
    if (family) {
        int fam = -1;
        for (int f = 0; f < ACTIV_FAMILY_COUNT; f++)
            if (!strcmp(family, activ_family_name((activ_family)f)) ||
                !strncmp(family, activ_family_name((activ_family)f), strlen(family)))
                fam = f;
        if (fam < 0) {
            cli_error("list: unknown family '%s' (families: sigmoid/tanh, relu, exponential, adaptive, misc)", family);
            free(es);
            return EXIT_USAGE;
        }
        long k = 0;
        for (long i = 0; i < n; i++)
            if ((int)es[i]->family == fam) es[k++] = es[i];
        n = k;
    }

    if (json) fputc('[', stdout);
    else
        printf("%-18s %-13s %-14s %-34s %-5s %-6s %-7s %-6s %-5s %s\n", "NAME", "FAMILY", "KIND",
               "PARAMETERS (* trainable)", "MONO", "SMOOTH", "BOUNDED", "ZERO-C", "PARAM", "Y-BWD");
    for (long i = 0; i < n; i++) {
        const activ_entry *e = es[i];
        activ_props pr;
        activ_properties(e, NULL, &pr);
        if (json) {
            fprintf(stdout, "%s{\"name\":", i ? ",\n" : "\n");
            json_string(stdout, e->name);
            fprintf(stdout, ",\"title\":");
            json_string(stdout, e->title);
            fprintf(stdout, ",\"family\":");
            json_string(stdout, activ_family_name(e->family));
            fprintf(stdout, ",\"kind\":");
            json_string(stdout, activ_kind_name(e->kind));
            fprintf(stdout, ",\"parameters\":[");
            for (unsigned k = 0; k < e->nparams; k++) {
                fprintf(stdout, "%s{\"name\":", k ? "," : "");
                json_string(stdout, e->params[k].name);
                fprintf(stdout, ",\"default\":");
                json_number(stdout, e->params[k].value);
                fprintf(stdout, ",\"trainable\":%s}", e->params[k].flags & ACTIV_P_TRAINABLE ? "true" : "false");
            }
            fprintf(stdout, "],\"properties\":");
            json_props(stdout, &pr);
            fputc('}', stdout);
            continue;
        }
        char params[256];
        params_str(e, params, sizeof params);
        if (strlen(params) > 34) strcpy(params + 31, "...");
        printf("%-18s %-13s %-14s %-34s %-5s %-6s %-7s %-6s %-5s %s\n", e->name, activ_family_name(e->family),
               activ_kind_name(e->kind), params, tri_str(pr.monotonic), tri_str(pr.smooth), bounded_str(&pr),
               tri_str(pr.zero_centred), tri_str(pr.parametric), tri_str(pr.y_backward));
    }
    if (json) {
        fputs("\n]\n", stdout);
    } else {
        printf("\n%ld entries.  MONO, SMOOTH (C1), BOUNDED, ZERO-C (|E f(Z)| <= 0.1 rms, Z ~ N(0,1)) and Y-BWD\n"
               "(f' is a function of the output) are computed from the functions at the defaults; PARAM is\n"
               "declared (has trainable parameters).  For gated, expanding, maxout, paired and softmax kinds\n"
               "they describe the element function.  'activ show NAME' gives the details.\n",
               n);
    }
    free(es);
    return 0;
}
