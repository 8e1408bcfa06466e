// The models' options and the refusals of values, prompts and images a model does not take (src/models).
export const options = {
  "label.aspectRatio": "aspect ratio",
  "label.resolution": "resolution",
  "label.count": "number of images",
  "label.format": "output format",
  "label.seed": "seed",
  "label.negativePrompt": "negative prompt",
  "label.steps": "number of steps",
  "label.guidance": "guidance",
  "label.imageSize": "image size",
  "label.width": "width",
  "label.height": "height",
  "label.widthPixels": "width in pixels",
  "label.heightPixels": "height in pixels",
  "label.acceleration": "acceleration",
  "label.safetyChecker": "safety checker setting",
  "label.safetyTolerance": "safety tolerance",
  "label.webSearch": "web search setting",
  "label.thinking": "thinking level",
  "label.prompt": "prompt",
  "label.images": "images",
  "label.image": "image",
  "outOfRange":
    "The {label} must be {integer, select, yes {a whole number} other {a number}} from {min, number, ::group-off} to {max, number, ::group-off}; you gave {value}.",
  "onOrOff": "The {label} must be on or off.",
  "negativePromptText": "The negative prompt must be text.",
  "negativePromptTooLong": "The negative prompt is {length, number} characters long; {model} takes at most {max, number}. Shorten it.",
  "imageSizeUnknown":
    "The image size \"{value}\" is not one {model} knows; choose one of {sizes}, or give WIDTHxHEIGHT such as 1024x768, each side {min, number, ::group-off} to {max, number, ::group-off} pixels.",
  "promptEmpty":
    "The prompt is empty; describe {kind, select, edit {the change you want} vision {what to ask about the image} other {the image you want}}.",
  "promptInvisible":
    "The prompt has only invisible characters (such as zero-width spaces); describe {kind, select, edit {the change you want} vision {what to ask about the image} other {the image you want}} in words.",
  "promptTooLong": "The prompt is {length, number} characters long; {model} takes at most {max, number}. Shorten it.",
  "textOnlyToCounterpart":
    "{model} makes images from text only and does not take input images; remove the images, or choose {counterpart} to edit them.",
  "textOnly": "{model} makes images from text only and does not take input images; remove the images, or choose an edit model.",
  "imageCount":
    "{model} takes {exact, select, yes {exactly {min, plural, one {# image} other {# images}}} other {{min, number} to {max, number} images}}; you gave {count, number}.",
  "attachOne": "Attach an image{edit, select, yes { to edit} other {}}.",
  "attachMore": "Attach {missing, plural, one {# more image} other {# more images}}{edit, select, yes { to edit} other {}}.",
  "removeSome": "Remove {extra, plural, one {# image} other {# images}}.",
  "removeSomeOrSwitch":
    "Remove {extra, plural, one {# image} other {# images}}, or switch to{some, select, yes {, for example,} other {}} {models}, which {modelCount, plural, one {takes} other {take}} that many.",
  "notOffered": "{model} does not let you set the {label}; leave the {label} empty.",
  "notOfferedElsewhere": "{model} does not let you set the {label}; choose{some, select, yes {, for example,} other {}} {models}, or leave the {label} empty.",
  "notInList": "{model} does not offer the {label} \"{value}\"; choose {many, select, yes {one of } other {}}{allowed}.",
  "notInListElsewhere":
    "{model} does not offer the {label} \"{value}\"; choose {many, select, yes {one of } other {}}{allowed}, or switch to{some, select, yes {, for example,} other {}} {models}, which {modelCount, plural, one {offers} other {offer}} it.",
  "notTaken": "{model} does not take \"{field}\".",
  "notAccepted": "{model} did not accept the {label}: {reason}.",
  "sideMissing":
    "You gave a {given} but no {missing}; give both (each {min, number, ::group-off} to {max, number, ::group-off} pixels), or neither to keep the input's size.",
  "sizeOrSides": "Choose either an image size or a width and height, not both.",
  "upscaleOneImage": "{model} upscales exactly 1 image; you gave {count, number}.",
  "upscaleNoOption": "{model} does not let you set the {label}.",
  "upscaleFactor": "{model} makes an image 1 to 10 times larger; ×{factor} is outside that.",
  "upscaleNotAccepted": "{model} did not accept the image: {reason}.",
  "backgroundOneImage": "{model} removes the background of exactly 1 image; you gave {count, number}.",
  "backgroundNoOption": "{model} only takes an image: it has no {label} to set.",
  "backgroundNotAccepted": "{model} could not take the image: {reason}.",
} as const;
