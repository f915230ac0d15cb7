#!/usr/bin/env bash
# Do the dependency snippets in README.md and docs/*.md work for a new user?
#
# 1. Installs the reactor (published modules and the BOM) into a temporary local repository,
#    never into ~/.m2. Third-party artifacts come from ~/.m2 read as a file:// repository (fast,
#    and nothing is written there), then from Central for anything missing.
# 2. Checks the release shape: every published module is in gateway-bom, and its jar has a
#    valid Automatic-Module-Name plus sources and javadoc jars.
# 3. Makes a fresh Maven project from the snippets: the BOM import (which must name the
#    reactor's version) and every <dependency> shown in a ```xml block; a Frontdesk module
#    must have no <version>. Resolves it against the temporary repository.
#
# Usage: scripts/check-doc-snippets.sh          (about a minute and a half on 2 cores; CI runs it after mvn -B verify)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

VERSION=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
NOT_PUBLISHED="gateway-benchmarks examples gateway-bom"
PUBLISHED=$(sed -n 's|^    <module>\(.*\)</module>|\1|p' pom.xml | grep -vxF -f <(tr ' ' '\n' <<<"$NOT_PUBLISHED"))

cat >"$TMP/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>seed</id>
      <repositories>
        <repository><id>seed</id><url>file://$HOME/.m2/repository</url></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>seed</id><url>file://$HOME/.m2/repository</url></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>seed</activeProfile></activeProfiles>
</settings>
EOF
MVN=(mvn -B -q -s "$TMP/settings.xml" -Dmaven.repo.local="$TMP/repo")

echo "installing the reactor ($VERSION) into a temporary repository"
"${MVN[@]}" install -DskipTests -pl '!gateway-benchmarks,!examples' >"$TMP/install.log" 2>&1 \
  || { tail -40 "$TMP/install.log"; exit 1; }

problems=()
INSTALLED="$TMP/repo/dev/frontdesk"
for module in $PUBLISHED; do
  grep -q "<artifactId>$module</artifactId>" gateway-bom/pom.xml || problems+=("$module is not in gateway-bom")
  jar="$INSTALLED/$module/$VERSION/$module-$VERSION.jar"
  for f in "$jar" "${jar%.jar}-sources.jar" "${jar%.jar}-javadoc.jar"; do
    [[ -f $f ]] || problems+=("missing $(basename "$f")")
  done
  if [[ -f $jar ]]; then
    name=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
    [[ $name =~ ^dev\.frontdesk(\.[a-z][a-z0-9]*)+$ ]] || problems+=("$module: Automatic-Module-Name is '$name'")
  fi
done

mkdir -p "$TMP/app"
python3 - "$ROOT" "$VERSION" "$TMP/app/pom.xml" <<'PY' || exit 1
import glob, re, sys
root, version, out = sys.argv[1:]
deps, boms, problems = {}, [], []
for doc in [root + "/README.md"] + sorted(glob.glob(root + "/docs/*.md")):
    name = doc[len(root) + 1:]
    for block in re.findall(r"```xml\n(.*?)```", open(doc).read(), re.S):
        for dep in re.findall(r"<dependency>.*?</dependency>", block, re.S):
            field = lambda tag: (re.search(f"<{tag}>(.*?)</{tag}>", dep) or [None, None])[1]
            if field("scope") == "import":
                boms.append(name)
                if field("artifactId") != "gateway-bom" or field("version") != version:
                    problems.append(f"{name}: the BOM import must be gateway-bom {version}")
                continue
            if field("groupId") == "dev.frontdesk" and field("version"):
                problems.append(f"{name}: {field('artifactId')} has a <version>: the BOM sets it")
            deps.setdefault((field("groupId"), field("artifactId")), dep)
        if "<groupId>dev.frontdesk</groupId>" in block and "gateway-bom" not in block:
            problems.append(f"{name}: a dependency snippet without the BOM import")
if not boms:
    problems.append("no snippet imports gateway-bom")
for p in problems:
    print("snippet:", p)
print("modules named in the docs:", ", ".join(a for g, a in deps if g == "dev.frontdesk"))
open(out, "w").write(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId><artifactId>app</artifactId><version>1</version>
  <properties><maven.compiler.release>17</maven.compiler.release></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>dev.frontdesk</groupId><artifactId>gateway-bom</artifactId>
      <version>{version}</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
{chr(10).join(deps.values())}
  </dependencies>
</project>
""")
sys.exit(1 if problems else 0)
PY

echo "resolving the snippets in a fresh project"
(cd "$TMP/app" && "${MVN[@]}" dependency:resolve >"$TMP/resolve.log" 2>&1) \
  || { grep -E 'ERROR' "$TMP/resolve.log" | head -20; problems+=("the snippets do not resolve"); }

if ((${#problems[@]})); then
  printf 'problem: %s\n' "${problems[@]}"
  exit 1
fi
echo "doc snippets resolve; every published module is in the BOM with a module name, sources and javadoc"
