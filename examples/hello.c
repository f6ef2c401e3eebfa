/* The smallest use of the installed library: look an activation up by any of
   its names, evaluate it and its derivative.  Build with
   cc hello.c $(pkg-config --cflags --libs activ). */
#include <stdio.h>

#include <activ/activ.h>

int main(int argc, char **argv)
{
    const char *spec = argc > 1 ? argv[1] : "mish";
    const activ_entry *e;
    double p[ACTIV_MAX_PARAMS];
    char err[256];
    if (activ_parse_spec(spec, &e, p, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    for (double x = -2; x <= 2; x += 1)
        printf("%s(%+.1f) = %+.9f   f' = %+.9f\n", e->name, x, activ_f64(e, x, p), activ_df64(e, x, p));
    return 0;
}
