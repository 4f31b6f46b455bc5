#!/usr/bin/env python3
"""Writes a synthetic but valid subgen project of a given size, for the benchmark.

    scripts/generate_project.py OUT --records 10000 --components 5000

The project looks like a large device program: records of every kind spread over files of about
fifty records, realistic field values and narrative, a chain of references from threats to controls
to requirements to tests with a fan-out of 1 to 5, a CycloneDX SBOM of the given number of components
(with support properties, hashes, licenses and a dependency graph) and a JUnit XML file with a case
for every test that takes its result from evidence. The same arguments always write the same bytes.
`subgen check` reports no errors on it; its only warnings are the coverage findings the generator
plants on purpose (a few percent of records), as real programs have them.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
from xml.sax.saxutils import quoteattr

RECORDS_PER_FILE = 50

WORDS = (
    "pump controller firmware bootloader update image signature session key pairing command "
    "therapy log telemetry record counter replay window nonce certificate gateway cloud service "
    "phone app clinician portal bolus basal reservoir sensor alarm watchdog partition storage "
    "flash memory audit event token account operator network interface radio link packet frame "
    "integrity confidentiality availability authentication authorization encryption parser buffer "
    "input validation boundary timeout retry backoff rollback recovery diagnostics service mode"
).split()

VERBS = (
    "rejects verifies records limits protects encrypts authenticates monitors restores logs "
    "detects isolates validates signs throttles checks blocks reports"
).split()

STRIDE = ["Spoofing", "Tampering", "Repudiation", "Information disclosure", "Denial of service",
          "Elevation of privilege"]
CATEGORIES = ["Authentication", "Authorization", "Cryptography", "Code, Data and Execution Integrity",
              "Confidentiality", "Event Detection and Logging", "Resiliency and Recovery",
              "Firmware and Software Updates"]
TEST_TYPES = ["Requirement", "Threat mitigation", "Fuzz", "Attack surface", "Vulnerability chaining",
              "Closed box", "SCA", "Static analysis", "Dynamic analysis", "Penetration"]
SUPPLIERS = ["Trusted Firmware", "Nordic Semiconductor", "Python Software Foundation", "OpenSSL Project",
             "The Apache Software Foundation", "Eclipse Foundation", "Example Medical Devices, Inc.",
             "Zephyr Project", "Google LLC", "Microsoft Corporation"]
LICENSES = ["Apache-2.0", "MIT", "BSD-3-Clause", "BSD-2-Clause", "ISC", "MPL-2.0", "Zlib"]
ZONES = ["device", "phone", "manufacturer cloud", "hospital network", "manufacturer build"]
VIEW_TYPES = ["Global system", "Multi-patient harm", "Updatability and patchability", "Security use case"]


class Writer:
    """Deterministic text pieces built from one seeded random generator."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def words(self, low, high):
        return " ".join(self.pick(WORDS) for _ in range(self.rng.randint(low, high)))

    def title(self):
        text = self.words(3, 7)
        return text[0].upper() + text[1:]

    def sentence(self, refs=()):
        text = f"The {self.words(2, 4)} {self.pick(VERBS)} {self.words(4, 10)}"
        if refs and self.rng.random() < 0.5:
            text += f" as [{self.pick(refs)}] requires"
        if self.rng.random() < 0.2:
            text += f" when `{self.pick(WORDS)}_{self.pick(WORDS)}` is set"
        if self.rng.random() < 0.15:
            text += f", **{self.words(1, 3)}** included"
        return text + "."

    def paragraph(self, refs=(), low=3, high=6):
        lines, line = [], ""
        for _ in range(self.rng.randint(low, high)):
            for word in self.sentence(refs).split(" "):
                if line and len(line) + len(word) > 98:
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)

    def narrative(self, refs=(), paragraphs=(1, 3)):
        parts = [self.paragraph(refs) for _ in range(self.rng.randint(*paragraphs))]
        if self.rng.random() < 0.2:
            parts.append("\n".join(f"- {self.words(3, 8)}" for _ in range(self.rng.randint(2, 4))))
        return "\n\n".join(parts)

    def some(self, ids, low=1, high=5):
        count = min(len(ids), self.rng.randint(low, high))
        return self.rng.sample(ids, count)


def ids(prefix, count, width=None):
    width = width or max(3, len(str(count)))
    return [f"{prefix}-{i:0{width}d}" for i in range(1, count + 1)]


def plan(records, components):
    """How many records of each kind a project of `records` records has."""
    fixed = 14 + 9 + 3  # labeling items, plan elements, metrics
    interfaces = max(8, min(60, records // 250))
    views = 4 + interfaces // 10
    rest = max(0, records - fixed - interfaces - views - 1)
    share = {"ASSET": 3, "THR": 14, "RISK": 10, "CTRL": 10, "REQ": 23, "TEST": 23, "FIND": 3,
             "SW": 6, "VULN": 3, "ANOM": 5}
    total = sum(share.values())
    counts = {kind: max(4, rest * part // total) for kind, part in share.items()}
    counts["SW"] = min(counts["SW"], components)
    counts["REQ"] += rest - sum(counts.values())  # the remainder, so the total is exact
    counts.update(IF=interfaces, VIEW=views, SBOM=1, LBL=14, PLAN=9, MET=3)
    return counts


def chunks(items, size=RECORDS_PER_FILE):
    return [items[i:i + size] for i in range(0, len(items), size)]


def heading(record_id, title):
    return f"## {record_id}: {title}\n"


def fields(pairs):
    out = []
    for name, value in pairs:
        if isinstance(value, list):
            out.append(f"- {name}:")
            out.extend(f"  - {item}" for item in value)
        else:
            out.append(f"- {name}: {value}")
    return "\n".join(out) + "\n"


class Project:
    def __init__(self, out, records, components, seed):
        self.out = out
        self.w = Writer(seed)
        self.counts = plan(records, components)
        self.ids = {kind: ids(kind, count) for kind, count in self.counts.items()}
        self.components = components
        self.files = {}

    # Files ------------------------------------------------------------------------------------

    def add(self, path, text):
        self.files[path] = text

    def record_files(self, folder, stem, title, kind, render):
        for number, group in enumerate(chunks(self.ids[kind]), start=1):
            body = [f"# {title} {number}\n"]
            for record_id in group:
                body.append(render(record_id))
            self.add(f"{folder}/{stem}-{number:03d}.md", "\n".join(body))

    def write(self):
        if os.path.exists(self.out):
            shutil.rmtree(self.out)
        for path, text in sorted(self.files.items()):
            full = os.path.join(self.out, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)

    # The chain --------------------------------------------------------------------------------

    def link(self):
        """Fixes who references whom: every record is covered, and a risk's controls are those of its
        threats, as in a real program (the planted gaps are a few unacceptable risks)."""
        w, I = self.w, self.ids
        self.threat_controls = {t: w.some(I["CTRL"]) for t in I["THR"]}
        for index, control in enumerate(I["CTRL"]):  # every control mitigates some threat
            self.threat_controls[I["THR"][index % len(I["THR"])]].append(control)
        self.risk_threats = {r: [] for r in I["RISK"]}
        for index, threat in enumerate(I["THR"]):  # every threat is assessed by one risk
            self.risk_threats[I["RISK"][index % len(I["RISK"])]].append(threat)
        for risk in I["RISK"]:  # and some by a second one
            if w.rng.random() < 0.2:
                self.risk_threats[risk].append(w.pick(I["THR"]))
        self.control_reqs = {c: w.some(I["REQ"]) for c in I["CTRL"]}
        for index, req in enumerate(I["REQ"]):  # every requirement implements some control
            self.control_reqs[I["CTRL"][index % len(I["CTRL"])]].append(req)
        self.req_controls = {r: [] for r in I["REQ"]}
        for control, reqs in self.control_reqs.items():
            for req in reqs:
                self.req_controls[req].append(control)
        self.req_tests = {r: w.some(I["TEST"]) for r in I["REQ"]}
        self.test_reqs = {t: [] for t in I["TEST"]}
        for req, tests in self.req_tests.items():
            for test in tests:
                self.test_reqs[test].append(req)
        for index, test in enumerate(I["TEST"]):  # every test verifies something
            if not self.test_reqs[test]:
                req = I["REQ"][index % len(I["REQ"])]
                self.test_reqs[test].append(req)
                self.req_tests[req].append(test)
        self.sw_component = {sw: index for index, sw in enumerate(I["SW"])}
        self.vuln_sw = {v: w.pick(I["SW"]) for v in I["VULN"]}
        self.sw_vulns = {}
        for vuln, sw in self.vuln_sw.items():
            self.sw_vulns.setdefault(sw, []).append(vuln)
        # Tests that take their result from the JUnit file: every other test.
        self.junit_tests = [t for i, t in enumerate(I["TEST"]) if i % 2 == 0]

    def dedupe(self, values):
        return sorted(set(values))

    # Kinds ------------------------------------------------------------------------------------

    def asset(self, rid):
        w = self.w
        return heading(rid, w.title()) + "\n" + fields([("Type", w.pick(["data", "function", "component"]))]) \
            + "\n" + w.narrative(paragraphs=(1, 1)) + "\n"

    def interface(self, rid):
        w = self.w
        return heading(rid, w.title() + " link") + "\n" + fields([
            ("Protocol", w.pick(["Bluetooth Low Energy 5.0", "HTTPS", "MQTT over TLS", "USB CDC", "NFC"])),
            ("Connects", f"{w.pick(ZONES)}, {w.pick(ZONES)}"),
            ("Authentication", w.pick(["LE Secure Connections pairing", "mutual TLS", "OAuth 2.0 token"])),
            ("Encryption", w.pick(["AES-CCM", "TLS 1.3", "AES-GCM"])),
            ("Controls", ", ".join(w.some(self.ids["CTRL"], 1, 3))),
        ]) + "\n" + w.narrative(self.ids["CTRL"], (1, 2)) + "\n"

    def threat(self, rid):
        w, I = self.w, self.ids
        controls = self.dedupe(self.threat_controls[rid])
        return heading(rid, w.title()) + "\n" + fields([
            ("Assets", ", ".join(w.some(I["ASSET"], 1, 3))),
            ("Entry points", ", ".join(w.some(I["IF"], 1, 2))),
            ("STRIDE", ", ".join(w.some(STRIDE, 1, 3))),
            ("Mitigated by", ", ".join(controls)),
        ]) + "\n" + w.narrative(controls, (1, 3)) + "\n"

    def risk(self, rid):
        w, I = self.w, self.ids
        threats = self.dedupe(self.risk_threats[rid])
        acceptable = "no" if w.rng.random() < 0.01 else "yes"
        return heading(rid, w.title()) + "\n" + fields([
            ("Threats", ", ".join(threats)),
            ("Exploitability", w.pick(["Low", "Medium", "High"])),
            ("Severity", w.pick(["Negligible", "Minor", "Serious", "Critical", "Catastrophic"])),
            ("Controls", ", ".join(self.dedupe(c for t in threats for c in self.threat_controls[t]))),
            ("Residual exploitability", "Low"),
            ("Acceptable", acceptable),
            ("Safety risk", f"H-{w.rng.randint(1, 99)} {w.words(3, 6)}"),
        ]) + "\n" + w.narrative(threats, (1, 2)) + "\n"

    def control(self, rid):
        w, I = self.w, self.ids
        index = int(rid.split("-")[1]) - 1
        reqs = self.dedupe(self.control_reqs[rid])
        return heading(rid, w.title()) + "\n" + fields([
            ("Category", CATEGORIES[index % len(CATEGORIES)]),
            ("Requirements", ", ".join(reqs)),
        ]) + "\n" + w.narrative(reqs, (1, 2)) + "\n"

    def requirement(self, rid):
        w, I = self.w, self.ids
        return heading(rid, w.title()) + "\n" + fields([
            ("Controls", ", ".join(self.dedupe(self.req_controls[rid]))),
            ("Verified by", ", ".join(self.dedupe(self.req_tests[rid]))),
        ]) + "\n" + w.narrative(paragraphs=(1, 2)) + "\n"

    def test(self, rid):
        w = self.w
        index = int(rid.split("-")[1]) - 1
        kind = TEST_TYPES[index % len(TEST_TYPES)]
        pairs = [("Verifies", ", ".join(self.dedupe(self.test_reqs[rid]))), ("Type", kind)]
        if index % 2 == 0:
            suite = f"suite{index // 100:03d}"
            pairs.append(("Evidence", f"../evidence/junit.xml#{suite}/{rid.lower()}"))
        else:
            pairs.append(("Result", "Pass"))
        pairs += [("Date", f"2026-{1 + index % 9:02d}-{1 + index % 28:02d}"), ("Performed by", "V&V team")]
        if kind == "Penetration":
            pairs += [("Independent", "yes"), ("Scope", "pump, phone app and cloud service"),
                      ("Duration", "10 days"), ("Methods", "closed box, then open box with source access")]
        else:
            pairs.append(("Independent", "no"))
        return heading(rid, w.title()) + "\n" + fields(pairs) + "\n" + w.narrative(paragraphs=(1, 2)) + "\n"

    def finding(self, rid):
        w, I = self.w, self.ids
        return heading(rid, w.title()) + "\n" + fields([
            ("Test", w.pick(I["TEST"])),
            ("Severity", f"{w.rng.randint(10, 89) / 10:.1f}"),
            ("Status", w.pick(["Fixed", "Mitigated", "Accepted"])),
            ("Resolved by", w.pick(I["REQ"])),
        ]) + "\n" + w.narrative(paragraphs=(1, 1)) + "\n"

    def component(self, index):
        """The SBOM component with this index: name, version, supplier, purl, license."""
        name = f"lib{WORDS[index % len(WORDS)]}-{index:05d}"
        version = f"{1 + index % 7}.{index % 13}.{index % 5}"
        supplier = SUPPLIERS[index % len(SUPPLIERS)]
        return name, version, supplier, f"pkg:generic/example/{name}@{version}", LICENSES[index % len(LICENSES)]

    def software(self, rid):
        w = self.w
        name, version, supplier, purl, license_id = self.component(self.sw_component[rid])
        pairs = [("Name", name), ("Version", version), ("Supplier", supplier), ("PURL", purl),
                 ("License", license_id), ("Support", w.pick(["Maintained", "Maintained", "Limited"])),
                 ("End of support", w.pick(["none announced", "2028-12-31", "2030-06-30"]))]
        if rid in self.sw_vulns:
            pairs.append(("Vulnerabilities", ", ".join(self.sw_vulns[rid])))
        return heading(rid, name) + "\n" + fields(pairs) + "\n" + w.paragraph(low=1, high=2) + "\n"

    def vulnerability(self, rid):
        w = self.w
        index = int(rid.split("-")[1])
        sw = self.vuln_sw[rid]
        return heading(rid, f"CVE-2025-{10000 + index} in {self.component(self.sw_component[sw])[0]}") + "\n" + fields([
            ("ID", f"CVE-2025-{10000 + index}"),
            ("Components", sw),
            ("CVSS", f"{w.rng.randint(20, 98) / 10:.1f}"),
            ("Exploitable", "no"),
            ("Status", w.pick(["Not affected", "Fixed", "Mitigated"])),
            ("Controls", ", ".join(w.some(self.ids["CTRL"], 1, 2))),
        ]) + "\n" + w.narrative(paragraphs=(1, 1)) + "\n"

    def anomaly(self, rid):
        w = self.w
        return heading(rid, w.title()) + "\n" + fields([
            ("Security impact", "no"),
            ("CWE", f"CWE-{w.rng.randint(20, 1300)}"),
            ("Assessment", [w.words(5, 12), w.words(5, 12)]),
        ]) + "\n" + w.narrative(paragraphs=(1, 1)) + "\n"

    def view(self, rid, number):
        w, I = self.w, self.ids
        interfaces = I["IF"][(number - 1) * 10:number * 10] or [I["IF"][0]]
        elements = [f"{zone.title()} {i + 1} ({zone})" for i, zone in enumerate(ZONES)]
        flows = []
        for step, interface in enumerate(interfaces, start=1):
            source, target = w.rng.sample(elements, 2)
            flows.append(f"{source.split(' (')[0]} -> {target.split(' (')[0]}: {w.words(2, 4)} over {interface}")
        lines = [f"- View: {VIEW_TYPES[(number - 1) % 4]}", "- Elements:"]
        lines += [f"  - {element}" for element in elements]
        lines.append("- Flows:")
        for flow in flows:
            lines += [f"  - {flow}", "    - Protocol: HTTPS", "    - Authentication: mutual TLS",
                      "    - Encryption: TLS 1.3", f"    - Controls: {w.pick(I['CTRL'])}"]
        lines.append(f"- Threats: {', '.join(w.some(I['THR'], 1, 3))}")
        return heading(rid, f"{VIEW_TYPES[(number - 1) % 4]} view {number}") + "\n" + "\n".join(lines) + "\n\n" \
            + w.narrative(paragraphs=(1, 1)) + "\n"

    # Assembly ---------------------------------------------------------------------------------

    def build(self):
        w, I = self.w, self.ids
        self.link()
        self.add("subgen.md", "\n".join([
            "# Benchmark Device Cybersecurity Documentation", "",
            "- Device: Benchmark Infusion System", "- Manufacturer: Example Medical Devices, Inc.",
            "- Submission type: PMA", "- Device software version: 5.2.0", "- Cyber device: yes",
            "- Date: 2026-11-01", "", w.narrative(paragraphs=(2, 2)), ""]))
        pages = [("threat-model/methodology.md", "Threat modeling methodology", "V.A.1"),
                 ("risk/method.md", "Risk scoring method", "V.A.2"),
                 ("plan/overview.md", "Cybersecurity management plan", "VI.B")]
        for path, title, section in pages:
            self.add(path, f"# {title}\n\n- Section: {section}\n\n{w.narrative(paragraphs=(3, 5))}\n")

        self.record_files("threat-model", "assets", "Assets", "ASSET", self.asset)
        self.record_files("threat-model", "interfaces", "Interfaces", "IF", self.interface)
        self.record_files("threat-model", "threats", "Threats", "THR", self.threat)
        self.record_files("risk", "risks", "Risks", "RISK", self.risk)
        self.record_files("architecture", "controls", "Controls", "CTRL", self.control)
        self.record_files("requirements", "requirements", "Requirements", "REQ", self.requirement)
        self.record_files("testing", "tests", "Tests", "TEST", self.test)
        self.record_files("testing", "findings", "Findings", "FIND", self.finding)
        self.record_files("testing", "anomalies", "Anomalies", "ANOM", self.anomaly)
        self.record_files("sbom", "components", "Software components", "SW", self.software)
        self.record_files("sbom", "vulnerabilities", "Vulnerabilities", "VULN", self.vulnerability)
        self.add("architecture/views.md", "# Architecture views\n\n" + "\n".join(
            self.view(rid, n) for n, rid in enumerate(I["VIEW"], start=1)))
        self.add("sbom/sbom.md", heading("SBOM-001", "Device SBOM") + "\n" + fields([
            ("File", "../evidence/device.cdx.json"), ("Scope", "pump firmware, phone app and cloud service")])
            + "\n" + w.paragraph() + "\n")
        self.add("labeling/labeling.md", "# Labeling\n\n" + "\n".join(
            heading(rid, w.title()) + "\n" + fields([("Addresses", f"L{n}"), ("Location", f"IFU section {n}")])
            for n, rid in enumerate(I["LBL"], start=1)))
        self.add("plan/plan.md", "# Plan elements\n\n" + "\n".join(
            heading(rid, w.title()) + "\n" + fields([("Element", f"P{n}"), ("Timeline", "continuous")]
                                                  + ([("Regular cycle", "quarterly"),
                                                      ("Out of cycle", "within 30 days")] if n == 5 else []))
            + "\n" + w.paragraph() + "\n" for n, rid in enumerate(I["PLAN"], start=1)))
        self.add("metrics/metrics.md", "# Metrics\n\n" + "\n".join(
            heading(rid, f"Metric M{n}") + "\n" + fields([("Metric", f"M{n}"), ("Value", f"{40 + n}%"),
                                                         ("Period", "2025-11 to 2026-10")])
            + "\n" + w.paragraph() + "\n" for n, rid in enumerate(I["MET"], start=1)))
        self.add("evidence/device.cdx.json", self.sbom())
        self.add("evidence/junit.xml", self.junit())

    def sbom(self):
        rng = random.Random(7)
        components, dependencies = [], []
        for index in range(self.components):
            name, version, supplier, purl, license_id = self.component(index)
            components.append({
                "type": "library", "bom-ref": purl, "name": name, "version": version,
                "supplier": {"name": supplier}, "purl": purl,
                "hashes": [{"alg": "SHA-256", "content": hashlib.sha256(purl.encode()).hexdigest()}],
                "licenses": [{"license": {"id": license_id}}],
                "properties": [{"name": "subgen:support:level", "value": "Maintained"},
                               {"name": "subgen:support:end-of-support", "value": "none announced"}],
            })
            depends = sorted({self.component(rng.randrange(index))[3] for _ in range(rng.randint(0, 3))}) if index else []
            dependencies.append({"ref": purl, "dependsOn": depends})
        device = {"type": "firmware", "bom-ref": "device", "name": "Benchmark Infusion System", "version": "5.2.0",
                  "supplier": {"name": "Example Medical Devices, Inc."},
                  "purl": "pkg:generic/example/benchmark-infusion-system@5.2.0"}
        dependencies.append({"ref": "device", "dependsOn": [c["bom-ref"] for c in components[:20]]})
        document = {
            "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
            "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
            "metadata": {"timestamp": "2026-10-30T12:00:00Z",
                         "authors": [{"name": "Example Medical Devices build team"}],
                         "tools": {"components": [{"type": "application", "name": "cyclonedx-gomod",
                                                   "version": "1.9.0"}]},
                         "component": device},
            "components": components, "dependencies": dependencies,
        }
        return json.dumps(document, indent=2) + "\n"

    def junit(self):
        suites = {}
        for rid in self.junit_tests:
            index = int(rid.split("-")[1]) - 1
            suites.setdefault(f"suite{index // 100:03d}", []).append(rid.lower())
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"]
        for suite, cases in sorted(suites.items()):
            lines.append(f'  <testsuite name={quoteattr(suite)} tests="{len(cases)}" failures="0" errors="0">')
            for case in cases:
                lines.append(f'    <testcase classname={quoteattr("bench." + suite)} name={quoteattr(case)} time="0.012"/>')
            lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write (replaced if it exists)")
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--components", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.records < 200:
        parser.error("--records must be at least 200 (every kind needs a few records)")
    if args.components < 50:
        parser.error("--components must be at least 50")
    project = Project(args.out, args.records, args.components, args.seed)
    project.build()
    project.write()
    total = sum(project.counts.values())
    print(f"{args.out}: {total} records in {len(project.files)} files, {args.components} components",
          file=sys.stderr)


if __name__ == "__main__":
    main()
