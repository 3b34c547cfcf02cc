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

  it.each([
    ["a\n{{hcl job.region}\nb", 2, "`{{hcl job.region}`"],
    ["{{#if x}}\nfoo\n{{/each}}", 1, "{{#if}} is closed by {{/each}}"],
    ["x\n{{#if x}}\nfoo", 3, "the template ends before a tag or block is closed"],
  ])(
    "names the line of a syntax error in %j, and says to fix the syntax",
    (source, line, problem) => {
      let error: unknown;
      try {
        renderTemplate({ name: "packer/x.hbs", source, context: { x: 1, job: {} } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TemplateRenderError);
      expect((error as TemplateRenderError).message).toBe(
        `packer/x.hbs has a handlebars syntax error on line ${line}: ${problem}`,
      );
      expect((error as TemplateRenderError).advice).toContain(
        "Fix the template's handlebars syntax",
      );
      expect((error as TemplateRenderError).advice).not.toContain("matrix");
    },
  );

  it("tells a missing variable to be added to the matrix", () => {
    let error: unknown;
    try {
      renderTemplate({ name: "packer/x.hbs", source: "{{missing}}", context: {} });
    } catch (e) {
      error = e;
    }
    expect((error as TemplateRenderError).advice).toContain("Add it to the matrix");
  });
});
