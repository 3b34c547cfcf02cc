// The instance types ec2-local knows, by family: what RunInstances accepts and what every region offers.

interface Family {
  family: string;
  sizes: readonly string[];
  architecture?: "arm64";
}

const BURST = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"];
const GRAVITON = [
  "medium",
  "large",
  "xlarge",
  "2xlarge",
  "4xlarge",
  "8xlarge",
  "12xlarge",
  "16xlarge",
  "metal",
];
const M5_SIZES = [
  "large",
  "xlarge",
  "2xlarge",
  "4xlarge",
  "8xlarge",
  "12xlarge",
  "16xlarge",
  "24xlarge",
  "metal",
];
const SIXTH_GEN = [...M5_SIZES.slice(0, -1), "32xlarge", "metal"];
const SEVENTH_GEN = [...SIXTH_GEN.slice(0, -1), "48xlarge", "metal"];
const GPU_G = [
  "xlarge",
  "2xlarge",
  "4xlarge",
  "8xlarge",
  "12xlarge",
  "16xlarge",
  "24xlarge",
  "48xlarge",
];

const FAMILIES: readonly Family[] = [
  // Previous generation: the only ones that run paravirtual images.
  { family: "t1", sizes: ["micro"] },
  { family: "m1", sizes: ["small", "medium", "large", "xlarge"] },
  { family: "m2", sizes: ["xlarge", "2xlarge", "4xlarge"] },
  { family: "m3", sizes: ["medium", "large", "xlarge", "2xlarge"] },
  { family: "c1", sizes: ["medium", "xlarge"] },
  { family: "c3", sizes: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"] },
  { family: "hi1", sizes: ["4xlarge"] },
  { family: "hs1", sizes: ["8xlarge"] },
  // General purpose, compute and memory optimized.
  { family: "t2", sizes: BURST },
  { family: "t3", sizes: BURST },
  { family: "t3a", sizes: BURST },
  { family: "t4g", sizes: BURST, architecture: "arm64" },
  {
    family: "a1",
    sizes: ["medium", "large", "xlarge", "2xlarge", "4xlarge", "metal"],
    architecture: "arm64",
  },
  { family: "m4", sizes: ["large", "xlarge", "2xlarge", "4xlarge", "10xlarge", "16xlarge"] },
  { family: "m5", sizes: M5_SIZES },
  { family: "m5a", sizes: M5_SIZES.slice(0, -1) },
  { family: "m5n", sizes: M5_SIZES },
  { family: "m6i", sizes: SIXTH_GEN },
  { family: "m6a", sizes: SEVENTH_GEN },
  { family: "m6g", sizes: GRAVITON, architecture: "arm64" },
  { family: "m7i", sizes: SEVENTH_GEN },
  { family: "m7g", sizes: GRAVITON, architecture: "arm64" },
  { family: "c4", sizes: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"] },
  {
    family: "c5",
    sizes: [
      "large",
      "xlarge",
      "2xlarge",
      "4xlarge",
      "9xlarge",
      "12xlarge",
      "18xlarge",
      "24xlarge",
      "metal",
    ],
  },
  {
    family: "c5n",
    sizes: ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge", "metal"],
  },
  { family: "c6i", sizes: SIXTH_GEN },
  { family: "c6g", sizes: GRAVITON, architecture: "arm64" },
  { family: "c7i", sizes: SEVENTH_GEN },
  { family: "c7g", sizes: GRAVITON, architecture: "arm64" },
  { family: "r3", sizes: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"] },
  { family: "r4", sizes: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"] },
  { family: "r5", sizes: M5_SIZES },
  { family: "r6i", sizes: SIXTH_GEN },
  { family: "r7i", sizes: SEVENTH_GEN },
  {
    family: "i3",
    sizes: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "metal"],
  },
  { family: "x1", sizes: ["16xlarge", "32xlarge"] },
  // Accelerated computing: what GPU images are built on.
  { family: "g3", sizes: ["4xlarge", "8xlarge", "16xlarge"] },
  {
    family: "g4dn",
    sizes: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal"],
  },
  { family: "g4ad", sizes: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"] },
  { family: "g5", sizes: GPU_G },
  {
    family: "g5g",
    sizes: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "metal"],
    architecture: "arm64",
  },
  { family: "g6", sizes: GPU_G },
  { family: "g6e", sizes: GPU_G },
  { family: "p2", sizes: ["xlarge", "8xlarge", "16xlarge"] },
  { family: "p3", sizes: ["2xlarge", "8xlarge", "16xlarge"] },
  { family: "p3dn", sizes: ["24xlarge"] },
  { family: "p4d", sizes: ["24xlarge"] },
  { family: "p5", sizes: ["48xlarge"] },
  { family: "inf1", sizes: ["xlarge", "2xlarge", "6xlarge", "24xlarge"] },
  { family: "inf2", sizes: ["xlarge", "8xlarge", "24xlarge", "48xlarge"] },
  { family: "trn1", sizes: ["2xlarge", "32xlarge"] },
];

/** Every known instance type, in catalogue order. */
export const KNOWN_INSTANCE_TYPES: readonly string[] = FAMILIES.flatMap(({ family, sizes }) =>
  sizes.map((size) => `${family}.${size}`),
);

const ARCHITECTURE_BY_FAMILY = new Map(
  FAMILIES.map((entry) => [entry.family, entry.architecture ?? "x86_64"]),
);

export function isKnownInstanceType(instanceType: string): boolean {
  return KNOWN_INSTANCE_TYPES.includes(instanceType);
}

export function familyOf(instanceType: string): string {
  return instanceType.split(".")[0] ?? instanceType;
}

export function architectureOf(instanceType: string): "x86_64" | "arm64" {
  return ARCHITECTURE_BY_FAMILY.get(familyOf(instanceType)) === "arm64" ? "arm64" : "x86_64";
}
