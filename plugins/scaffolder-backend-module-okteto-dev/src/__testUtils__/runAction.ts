import {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';

/** Runs an action's handler on a workspace and collects what it output. */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: Record<string, unknown>,
  workspacePath: string,
): Promise<Record<string, unknown>> {
  const ctx = createMockActionContext({ input: input as any, workspacePath });
  await action.handler(ctx);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

/** The description and the step input of each example, which must call `actionId` once. */
export function exampleSteps(
  examples: TemplateExample[],
  actionId: string,
): Array<[string, Record<string, unknown>]> {
  return examples.map(example => {
    const steps = yaml.parse(example.example).steps as Array<{
      action: string;
      input: Record<string, unknown>;
    }>;
    if (steps.length !== 1 || steps[0].action !== actionId) {
      throw new Error(
        `example '${example.description}' is not one ${actionId} step`,
      );
    }
    return [example.description, steps[0].input];
  });
}
