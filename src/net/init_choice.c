/* Which weight initialiser suits an activation (init "auto"). */
#include <string.h>

#include "activ/activ.h"
#include "activ/train.h"

const char *activ_init_default(const struct activ_entry *e)
{
    if (!e) return "he";
    /* SELU's fixed point (mean 0, variance 1) is derived for LeCun-normal weights */
    if (!strcmp(e->name, "selu")) return "lecun";
    activ_props p;
    activ_properties(e, NULL, &p);
    /* Glorot derived his scale for saturating units (tanh, the logistic sigmoid) */
    if (p.bounded_below == ACTIV_YES && p.bounded_above == ACTIV_YES) return "xavier";
    return "he";
}
