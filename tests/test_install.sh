#!/usr/bin/env bash
# cmake --install into a scratch prefix, then build examples/hello.c against
# it with pkg-config, both shared and static, and run it.
set -euo pipefail
build=$1 src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
pc=$(find "$prefix" -name activ.pc | head -1)
export PKG_CONFIG_PATH=$(dirname "$pc")
test -f "$prefix/include/activ/activ.h"
test -x "$prefix/bin/activ"
cc -std=c11 -Wall -Wextra -Werror "$src/examples/hello.c" -o "$prefix/hello" $(pkg-config --cflags --libs activ) \
  -Wl,-rpath,"$(pkg-config --variable=libdir activ)"
"$prefix/hello" gelu | grep -q "gelu(+1.0) = +0.841344746"
cc -std=c11 "$src/examples/hello.c" -o "$prefix/hello_static" $(pkg-config --cflags activ) \
  "$(pkg-config --variable=libdir activ)/libactiv.a" $(pkg-config --libs-only-l --static activ | sed 's/-lactiv//')
"$prefix/hello_static" torch.Mish | grep -q "mish(+1.0) = +0.865098388"
"$prefix/bin/activ" show mish >/dev/null
echo "install: headers, shared and static library, pkg-config and the activ command all work"
