/*
 * The expanding ReLUs, one output copy per value of the branch parameter
 * (the layer sets it): this file holds crelu (ReLU of x or -x), and also
 * paired_relu (ReLU of s x - theta or sp x - thetap) and mba (ReLU of
 * x + b_k, k = branch + 1).  The branch is read as the scalar's branch_of
 * does (round to nearest, below 0.5 is 0, capped at the last copy); the
 * masks are 1[t > 0] as the scalar's, so f'(kink) = 0.
 * crelu is exact; mba's x + b rounds once (0.5 ULP); paired_relu's
 * s x - theta is one fma (0.5 ULP) but a multiply and an add in the
 * generic build, whose product may sit in the binade above the result:
 * 1.31 ULP per unit of condition measured there, declared 1.5.
 */
#include "kernel.h"

V_INLINE vf xrelu_mask(vf t, vf v)
{
    return vsel(t > 0, v, vset(0));
}

/* crelu: p = branch */
V_INLINE vf crelu_sign(const vf *P)
{
    return vsel(P[0] >= 0.5f, vset(-1), vset(1));
}
V_INLINE vf crelu_f(vf x, const vf *P)
{
    vf t = crelu_sign(P) * x;
    return xrelu_mask(t, t);
}
V_INLINE vf crelu_df(vf x, const vf *P)
{
    vf s = crelu_sign(P);
    return xrelu_mask(s * x, s);
}
V_INLINE vf crelu_dy(vf y, const vf *P)
{
    return xrelu_mask(y, crelu_sign(P));
}
V_INLINE void crelu_dp(vf x, const vf *P, vf *g)
{
    (void)x, (void)P;
    g[0] = vset(0);
}
ACTIV_KERNEL_YP(crelu, 1, 0, 0, 0, NULL)

/* paired_relu: p = s, theta, sp, thetap, branch; copy 1 uses (sp, thetap) */
V_INLINE vm paired_relu_copy1(const vf *P)
{
    return P[4] >= 0.5f;
}
/* s x - theta rounded once (where fused), with the scalar's limit -theta for s = 0 at x = +-inf */
V_INLINE vf paired_relu_t(vf x, const vf *P, vf *s)
{
    vm c1 = paired_relu_copy1(P);
    *s = vsel(c1, P[2], P[0]);
    vf th = vsel(c1, P[3], P[1]);
    return vsel(*s == 0, -th, vfma(*s, x, -th));
}
V_INLINE vf paired_relu_f(vf x, const vf *P)
{
    vf s, t = paired_relu_t(x, P, &s);
    return xrelu_mask(t, t);
}
V_INLINE vf paired_relu_df(vf x, const vf *P)
{
    vf s, t = paired_relu_t(x, P, &s);
    return xrelu_mask(t, s);
}
V_INLINE vf paired_relu_dy(vf y, const vf *P)
{
    return xrelu_mask(y, vsel(paired_relu_copy1(P), P[2], P[0]));
}
V_INLINE void paired_relu_dp(vf x, const vf *P, vf *g)
{
    vf s, t = paired_relu_t(x, P, &s);
    vm c1 = paired_relu_copy1(P);
    vf gx = xrelu_mask(t, x), gt = xrelu_mask(t, vset(-1)), z = vset(0);
    g[0] = vsel(c1, z, gx), g[1] = vsel(c1, z, gt);
    g[2] = vsel(c1, gx, z), g[3] = vsel(c1, gt, z);
    g[4] = z;
}
ACTIV_KERNEL_YP(paired_relu, 5, 1.5f, 0, 0, NULL)

/* mba: p = b1..b4, branch; copy k uses b_{k+1} */
V_INLINE vf mba_bias(const vf *P)
{
    vf br = P[4];
    return vsel(br >= 2.5f, P[3], vsel(br >= 1.5f, P[2], vsel(br >= 0.5f, P[1], P[0])));
}
V_INLINE vf mba_f(vf x, const vf *P)
{
    vf t = x + mba_bias(P);
    return xrelu_mask(t, t);
}
V_INLINE vf mba_df(vf x, const vf *P)
{
    return xrelu_mask(x + mba_bias(P), vset(1));
}
V_INLINE vf mba_dy(vf y, const vf *P)
{
    (void)P;
    return xrelu_mask(y, vset(1));
}
V_INLINE void mba_dp(vf x, const vf *P, vf *g)
{
    vf d = mba_df(x, P), br = P[4], z = vset(0);
    g[0] = vsel(br < 0.5f, d, z);
    g[1] = vsel((br >= 0.5f) & (br < 1.5f), d, z);
    g[2] = vsel((br >= 1.5f) & (br < 2.5f), d, z);
    g[3] = vsel(br >= 2.5f, d, z);
    g[4] = z;
}
ACTIV_KERNEL_YP(mba, 5, 0.5f, 0, 0, NULL)
