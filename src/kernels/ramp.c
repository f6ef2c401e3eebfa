/*
 * Ramp (darknet): 1.1 x for x > 0, 0.1 x otherwise; f' = 1.1 or 0.1
 * (f'(0) = 0.1, darknet's x > 0 mask).  1.1 and 0.1 are not floats: the
 * product is formed in double (a float times a double constant, one double
 * rounding, as the scalar code) and rounded once to float, so f is within
 * 0.5 ULP of the double reference.  f' is the float nearest 1.1 or 0.1,
 * 0.2 ULP from the double constants (hence its bound 0.5).
 */
#include "kernel.h"

#include "vecd.h"

/* (compares and selects stay in float: on double vectors wider than a
   register GCC splits them lane by lane) */
V_INLINE vf ramp_f(vf x, const vf *P)
{
    (void)P;
    vd xd = __builtin_convertvector(x, vd);
    vf hi = __builtin_convertvector(xd * 1.1, vf), lo = __builtin_convertvector(xd * 0.1, vf);
    return vsel(x > 0, hi, lo);
}
V_INLINE vf ramp_df(vf x, const vf *P)
{
    (void)P;
    return vsel(x > 0, vset(1.1f), vset(0.1f));
}
V_INLINE vf ramp_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y > 0, vset(1.1f), vset(0.1f));
}
ACTIV_KERNEL_Y(ramp, 0, 0.5f, 0.5f, 0, NULL)
