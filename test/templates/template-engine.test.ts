import { describe, expect, it } from "vitest";
import { hclValue } from "../../src/templates/hcl-value.ts";
import { renderTemplate, TemplateRenderError } from "../../src/templates/template-engine.ts";

describe("hclValue", () => {
  it("writes strings as literals that cannot close the string or interpolate", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the ${...} is the HCL interpolation under test.
    expect(hclValue('a"b\\c\n${x}%{y}')).toBe('"a\\"b\\\\c\\n$${x}%%{y}"');
  });

  it("writes lists and maps of literals", () => {
    expect(hclValue(["all"])).toBe('["all"]');
    expect(hclValue({ Name: "x" })).toBe('{\n    "Name" = "x"\n  }');
    expect(hclValue([])).toBe("[]");
  });
});

describe("renderTemplate", () => {
  it("renders values through the hcl helper without HTML escaping", () => {
    const text = renderTemplate({
      name: "t",
      source: "region = {{hcl region}} # {{note}}",
      context: { region: "us-east-1", note: "<&>" },
    });
    expect(text).toBe('region = "us-east-1" # <&>');
  });

  it.each([
    ["{{missing}}", "missing"],
    ["{{hcl job.zone}}", "job.zone"],
  ])("fails on %s, naming the template and the variable", (source, variable) => {
    const render = () => renderTemplate({ name: "packer/x.hbs", source, context: { job: {} } });
    expect(render).toThrow(TemplateRenderError);
    expect(render).toThrow(`packer/x.hbs uses {{${variable}}}, which is not defined`);
  });
});
