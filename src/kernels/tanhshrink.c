/*
 * Tanhshrink: x - tanh x.  For |x| >= 1 the difference directly (tanh x <=
 * x/1.3 there, so at most 1.6 ULP of f per ULP of tanh per unit of
 * condition); below, where the difference would lose its relative accuracy
 * as x -> 0 (the double code switches at 1/8 because it has 29 spare bits;
 * float has none), x^3 P(x^2), P the degree-8 polynomial interpolating
 * (x - tanh x)/x^3 at the 9 Chebyshev nodes of z = x^2 in [0, 1], its
 * coefficients rounded to float (fitted in 50-digit decimal arithmetic;
 * relative error 3.2e-8 = 0.54 ULP, most of it float(1/3)).
 * f' = tanh^2 x.  The entry's backward from the output inverts f by Newton's
 * method: no simple vector form, so the API's fallback serves it.
 * Error (measured): f 1.02 ULP per unit of condition (x ~ 0.011, the
 * polynomial), f' 2 (x ~ -8.7); declared 1.5 and 2.5.
 */
/* Since vtanh replaced SLEEF's tanhf (twice as fast, up to 2.5 ULP against 1),
   the bounds in the ACTIV_KERNEL line below supersede the figures above:
   15% over the worst of four samples. */
#include "kernel.h"

V_INLINE vf tanhshrink_f(vf x, const vf *P)
{
    (void)P;
    vf z = x * x;
    vf p = vset(4.846711090e-05f);
    p = vfma(p, z, vset(-3.376898239e-04f));
    p = vfma(p, z, vset(1.242157537e-03f));
    p = vfma(p, z, vset(-3.478386439e-03f));
    p = vfma(p, z, vset(8.826250210e-03f));
    p = vfma(p, z, vset(-2.186257578e-02f));
    p = vfma(p, z, vset(5.396759510e-02f));
    p = vfma(p, z, vset(-1.333333105e-01f));
    p = vfma(p, z, vset(3.333333433e-01f));
    return vsel(vabs(x) < 1, x * z * p, x - vtanh(x));
}
V_INLINE vf tanhshrink_df(vf x, const vf *P)
{
    (void)P;
    vf t = vtanh(x);
    return t * t;
}
ACTIV_KERNEL(tanhshrink, 0, 2.7f, 4.1f, 0, NULL)
