/* activ show NAME: everything the catalog knows about one entry. */
#include <math.h>
#include <string.h>

#include "cli.h"

static const char *kind_doc(activ_kind k)
{
    switch (k) {
    case ACTIV_KIND_ELEMENTWISE: return "y = f(x) element by element";
    case ACTIV_KIND_STOCHASTIC: return "element by element; the random parameter is drawn per element in training and set to its expectation in evaluation";
    case ACTIV_KIND_DATA_DEPENDENT: return "element by element; the data parameter is a statistic of the input tensor, and the gradient flows through it";
    case ACTIV_KIND_GATED: return "channels split into halves a|b; y = a * f(b)";
    case ACTIV_KIND_EXPANDING: return "each channel gives one output per value of the branch parameter (CReLU: relu(x) and relu(-x))";
    case ACTIV_KIND_MAXOUT: return "groups of k channels reduce to their maximum";
    case ACTIV_KIND_PAIRED: return "channels split into halves a|b; y = f(a) - f(b)";
    case ACTIV_KIND_SOFTMAX: return "softmax over the channels; f is the unnormalised exp";
    case ACTIV_KIND_LOG_SOFTMAX: return "log-softmax over the channels; f is the identity before normalising";
    case ACTIV_KIND_SPARSEMAX: return "sparsemax (projection onto the simplex) over the channels; f is the identity";
    default: return "";
    }
}

static void show_json(const activ_entry *e, const activ_props *pr)
{
    FILE *f = stdout;
    fprintf(f, "{\"name\":");
    json_string(f, e->name);
    const char *keys[] = {"title", "formula", "derivative", "kink", "notes", "reference"};
    const char *vals[] = {e->title, e->formula, e->derivative, e->kink, e->notes, e->reference};
    for (int i = 0; i < 6; i++) {
        fprintf(f, ",\"%s\":", keys[i]);
        json_string(f, vals[i]);
    }
    fprintf(f, ",\"family\":");
    json_string(f, activ_family_name(e->family));
    fprintf(f, ",\"kind\":");
    json_string(f, activ_kind_name(e->kind));
    fprintf(f, ",\"parameters\":[");
    for (unsigned i = 0; i < e->nparams; i++) {
        const activ_param *p = &e->params[i];
        char share[64];
        format_share(p->share, share, sizeof share);
        fprintf(f, "%s{\"name\":", i ? "," : "");
        json_string(f, p->name);
        fprintf(f, ",\"default\":");
        json_number(f, p->value);
        fprintf(f, ",\"min\":");
        json_number(f, p->min);
        fprintf(f, ",\"max\":");
        json_number(f, p->max);
        fprintf(f, ",\"min_open\":%s,\"max_open\":%s,\"integer\":%s,\"trainable\":%s,\"random\":%s,\"data\":%s,\"share\":",
                p->flags & ACTIV_P_MIN_OPEN ? "true" : "false", p->flags & ACTIV_P_MAX_OPEN ? "true" : "false",
                p->flags & ACTIV_P_INTEGER ? "true" : "false", p->flags & ACTIV_P_TRAINABLE ? "true" : "false",
                p->flags & ACTIV_P_RANDOM ? "true" : "false", p->flags & ACTIV_P_DATA ? "true" : "false");
        json_string(f, share);
        fprintf(f, ",\"doc\":");
        json_string(f, p->doc);
        fputc('}', f);
    }
    fprintf(f, "],\"aliases\":[");
    for (int i = 0; i < ACTIV_MAX_ALIASES && e->aliases[i].name; i++) {
        fprintf(f, "%s{\"framework\":", i ? "," : "");
        json_string(f, e->aliases[i].framework);
        fprintf(f, ",\"name\":");
        json_string(f, e->aliases[i].name);
        fprintf(f, ",\"preset\":");
        json_string(f, e->aliases[i].preset);
        fputc('}', f);
    }
    const activ_bound *b = &e->bound;
    fprintf(f, "],\"tested_error_bound\":{\"format\":\"float\",\"f_ulp\":%g,\"f_abs\":%g,\"df_ulp\":%g,\"df_abs\":%g,"
               "\"dp_ulp\":%g,\"dp_abs\":%g,\"why\":",
            b->f_ulp, b->f_abs, b->df_ulp, b->df_abs, b->dp_ulp, b->dp_abs);
    json_string(f, b->why);
    fprintf(f, "},\"properties\":");
    json_props(f, pr);
    fprintf(f, "}\n");

}

int cmd_show(int argc, char **argv)
{
    const char *name = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!name) name = argv[i];
        else {
            cli_error("show: one name at a time ('%s' is extra)", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!name) {
        cli_error("show: which activation? (usage: activ show NAME [--json])");
        return EXIT_USAGE;
    }
    double p[ACTIV_MAX_PARAMS];
    const activ_entry *e = cli_resolve(name, p);
    if (!e) return EXIT_USAGE;
    activ_props pr;
    activ_properties(e, p, &pr);
    if (json) {
        show_json(e, &pr);
        return 0;
    }
    printf("%s (%s)\n", e->title, e->name);
    printf("  family      %s\n  kind        %s: %s\n", activ_family_name(e->family), activ_kind_name(e->kind),
           kind_doc(e->kind));
    printf("  definition  %s\n", e->formula);
    printf("  derivative  %s\n", e->derivative);
    if (e->kink) printf("  at kinks    %s\n", e->kink);
    if (e->nparams) {
        printf("  parameters\n");
        for (unsigned i = 0; i < e->nparams; i++) {
            const activ_param *q = &e->params[i];
            char range[96], share[64];
            format_range(q, range, sizeof range);
            format_share(q->share, share, sizeof share);
            const char *role = q->flags & ACTIV_P_TRAINABLE ? "trainable"
                               : q->flags & ACTIV_P_RANDOM  ? "random"
                               : q->flags & ACTIV_P_DATA    ? "from the data"
                                                            : "fixed";
            printf("    %-10s default %-10g range %-18s %s", q->name, q->value, range, role);
            if (q->flags & ACTIV_P_TRAINABLE) printf(", shared per %s", share);
            printf("\n");
            print_wrapped(stdout, "               ", q->doc, 100);
            if (p[i] != q->value) printf("               (value here: %g)\n", p[i]);
        }
    }
    printf("  aliases    ");
    int any = 0;
    for (int i = 0; i < ACTIV_MAX_ALIASES && e->aliases[i].name; i++, any = 1) {
        const activ_alias *a = &e->aliases[i];
        printf(" %s%s%s%s%s%s", a->framework, *a->framework ? "." : "", a->name, a->preset ? "(" : "",
               a->preset ? a->preset : "", a->preset ? ")" : "");
    }
    printf("%s\n", any ? "" : " none");
    printf("  properties  (computed at these parameters)\n");
    printf("    monotonic %s, smooth (C1) %s, bounded below %s, bounded above %s, zero-centred %s,\n",
           tri_str(pr.monotonic), tri_str(pr.smooth), tri_str(pr.bounded_below), tri_str(pr.bounded_above),
           tri_str(pr.zero_centred));
    printf("    parametric %s (declared), backward from the output %s%s\n", tri_str(pr.parametric),
           tri_str(pr.y_backward), e->df_from_y ? " (formula given)" : "");
    printf("    observed range [%.6g, %.6g]; E f(Z) = %.4g, E f(Z)^2 = %.4g for Z ~ N(0,1)\n", pr.min_value,
           pr.max_value, pr.mean_normal, pr.second_moment_normal);
    if (pr.nkinks) {
        printf("    kinks at");
        for (unsigned i = 0; i < pr.nkinks; i++) printf(" %.6g", pr.kinks[i]);
        printf("\n");
    }
    char bound[256];
    format_bound(e, bound, sizeof bound);
    printf("  tested error bound of the scalar functions (float, against MPFR)\n    %s\n", bound);
    if (e->bound.why) print_wrapped(stdout, "    ", e->bound.why, 100);
    activ_kernel_info ki;
    if (activ_kernel_info_get(e, &ki))
        printf("  vector kernel (%s): f <= %g ulp, f' <= %g ulp per unit of condition number%s%s\n",
               activ_isa_name(activ_isa_active()), ki.f_ulp, ki.df_ulp,
               ki.has_backward_from_output ? "; backward from the output" : "",
               ki.has_param_grad ? "; parameter gradients" : "");
    else
        printf("  vector kernel: none yet (arrays go through the scalar functions)\n");
    printf("  reference\n");
    print_wrapped(stdout, "    ", e->reference, 100);
    if (e->notes) {
        printf("  notes\n");
        print_wrapped(stdout, "    ", e->notes, 100);
    }
    return 0;
}
