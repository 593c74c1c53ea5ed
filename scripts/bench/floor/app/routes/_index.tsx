import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Floor" }];

export function loader() {
  return { greeting: "A bare Remix page" };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  return { said: String(form.get("text") ?? "").slice(0, 100) };
}

export default function Floor() {
  const { greeting } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <main>
      <h1>{greeting}</h1>
      <Form method="post">
        <label htmlFor="text">Text</label>
        <input id="text" name="text" />
        <button type="submit">Send</button>
      </Form>
      {answer ? <p>{answer.said}</p> : null}
    </main>
  );
}
