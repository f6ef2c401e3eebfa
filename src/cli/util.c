#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("activ: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

const activ_entry *cli_resolve(const char *spec, double *p)
{
    const activ_entry *e;
    char err[1024];
    if (activ_parse_spec(spec, &e, p, err, sizeof err)) {
        cli_error("%s", err);
        return NULL;
    }
    return e;
}

int cli_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || (errno == ERANGE && fabs(v) > 1)) return -1;
    *out = v;
    return 0;
}

const char *tri_str(activ_tri t)
{
    return t == ACTIV_YES ? "yes" : t == ACTIV_NO ? "no" : "n/a";
}

void print_wrapped(FILE *f, const char *indent, const char *text, int width)
{
    if (!text) return;
    int col = 0;
    const char *s = text;
    while (*s) {
        while (*s == ' ') s++;
        size_t w = strcspn(s, " ");
        if (w == 0) break;
        if (col == 0) col = fprintf(f, "%s", indent);
        else if (col + 1 + (int)w > width) {
            fputc('\n', f);
            col = fprintf(f, "%s", indent);
        } else {
            fputc(' ', f);
            col++;
        }
        col += fprintf(f, "%.*s", (int)w, s);
        s += w;
    }
    if (col) fputc('\n', f);
}

void format_range(const activ_param *p, char *buf, size_t len)
{
    char lo[32], hi[32];
    if (isinf(p->min)) snprintf(lo, sizeof lo, "-inf");
    else snprintf(lo, sizeof lo, "%g", p->min);
    if (isinf(p->max)) snprintf(hi, sizeof hi, "inf");
    else snprintf(hi, sizeof hi, "%g", p->max);
    snprintf(buf, len, "%c%s, %s%c%s", (p->flags & ACTIV_P_MIN_OPEN) || isinf(p->min) ? '(' : '[', lo, hi,
             (p->flags & ACTIV_P_MAX_OPEN) || isinf(p->max) ? ')' : ']',
             (p->flags & ACTIV_P_INTEGER) ? " integer" : "");
}

void format_share(unsigned share, char *buf, size_t len)
{
    if (!share) share = ACTIV_SHARE_SCALAR;
    snprintf(buf, len, "%s%s%s%s%s", share & ACTIV_SHARE_SCALAR ? "scalar" : "",
             (share & ACTIV_SHARE_SCALAR) && (share & ~1u) ? "/" : "", share & ACTIV_SHARE_CHANNEL ? "channel" : "",
             (share & ACTIV_SHARE_CHANNEL) && (share & ACTIV_SHARE_UNIT) ? "/" : "", share & ACTIV_SHARE_UNIT ? "unit" : "");
}

static int fmt_one(char *buf, size_t len, const char *what, double ulp, double abs)
{
    if (abs > 0) return snprintf(buf, len, "%s <= %g ulp or %g abs", what, ulp, abs);
    return snprintf(buf, len, "%s <= %g ulp", what, ulp);
}

void format_bound(const activ_entry *e, char *buf, size_t len)
{
    const activ_bound *b = &e->bound;
    int n = fmt_one(buf, len, "f", b->f_ulp, b->f_abs);
    if (n > 0 && (size_t)n < len) n += fmt_one(buf + n, len - (size_t)n, "; f'", b->df_ulp, b->df_abs);
    if (e->nparams && n > 0 && (size_t)n < len) fmt_one(buf + n, len - (size_t)n, "; df/dp", b->dp_ulp, b->dp_abs);
}

void json_props(FILE *f, const activ_props *p)
{
    const char *names[] = {"monotonic", "smooth", "bounded_below", "bounded_above", "zero_centred", "parametric",
                           "backward_from_output"};
    activ_tri vals[] = {p->monotonic, p->smooth, p->bounded_below, p->bounded_above, p->zero_centred, p->parametric,
                        p->y_backward};
    fputc('{', f);
    for (int i = 0; i < 7; i++) {
        fprintf(f, "%s\"%s\":", i ? "," : "", names[i]);
        json_string(f, tri_str(vals[i]));
    }
    fprintf(f, ",\"min\":");
    json_number(f, p->min_value);
    fprintf(f, ",\"max\":");
    json_number(f, p->max_value);
    fprintf(f, ",\"mean_standard_normal\":");
    json_number(f, p->mean_normal);
    fprintf(f, ",\"kinks\":[");
    for (unsigned i = 0; i < p->nkinks; i++) {
        if (i) fputc(',', f);
        json_number(f, p->kinks[i]);
    }
    fprintf(f, "],\"computed\":[\"monotonic\",\"smooth\",\"bounded_below\",\"bounded_above\",\"zero_centred\","
               "\"backward_from_output\"],\"declared\":[\"parametric\"]}");
}
